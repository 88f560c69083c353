namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// Hands out one string object for scalar texts that repeat across a load: label keys and
/// values, namespace names, protocols and port names recur in thousands of objects, and the
/// model keeps every copy it is given. The YAML parser allocates a fresh string per scalar;
/// replacing it by the copy seen before lets the fresh one die young instead of being carried
/// by every collection from then on, which is where loading a large cluster spends its time.
/// </summary>
/// <remarks>
/// A fixed table of recent texts, indexed by hash, with no chaining: a collision replaces the
/// older text (so a text may be shared less, never wrongly), and the table never grows, so it
/// costs the same for a load of one file or of a whole cluster dump.
/// </remarks>
public sealed class SharedTexts
{
    private const int Slots = 1 << 13;

    /// <summary>Longer texts (images, annotations, certificates) seldom repeat; hashing them would cost more than it saves.</summary>
    private const int MaxLength = 64;

    private readonly string?[] _table = new string?[Slots];

    /// <summary>The string seen before with the same text as <paramref name="text"/>, else <paramref name="text"/> itself (kept for next time).</summary>
    public string Share(string text)
    {
        if (text.Length is 0 or > MaxLength) return text;
        var slot = text.GetHashCode() & (Slots - 1);
        var seen = _table[slot];
        if (seen is not null && string.Equals(seen, text, StringComparison.Ordinal)) return seen;
        _table[slot] = text;
        return text;
    }
}
