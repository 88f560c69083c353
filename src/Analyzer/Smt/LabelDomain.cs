using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// The finite domain of one label key: index 0 is "absent", 1 is "any value the policies do not
/// mention", and 2.. are the mentioned values. Values the policies never mention are
/// indistinguishable to them, so one index stands for all of them and every possible pod still
/// has a representative.
/// </summary>
internal sealed class LabelDomain
{
    public const int Absent = 0;
    public const int Other = 1;

    private readonly Dictionary<string, int> _index;

    public LabelDomain(string key, IEnumerable<string> values)
    {
        Key = key;
        Values = [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Values.Length; i++) _index[Values[i]] = i + 2;
        Width = BitsFor(Values.Length + 2);
    }

    public string Key { get; }

    public ImmutableArray<string> Values { get; }

    /// <summary>Largest valid index.</summary>
    public int MaxIndex => Values.Length + 1;

    /// <summary>Bit-vector width of the variable.</summary>
    public uint Width { get; }

    public bool Mentions(string value) => _index.ContainsKey(value);

    /// <summary>The index of a concrete value; null means the label is absent.</summary>
    public int IndexOf(string? value) =>
        value is null ? Absent : _index.TryGetValue(value, out var index) ? index : Other;

    /// <summary>The concrete value of an index for a witness; Other becomes a value no policy mentions.</summary>
    public string? ValueOf(int index, ISet<string> alsoAvoid) => index switch
    {
        Absent => null,
        Other => FreshValue(alsoAvoid),
        _ => Values[index - 2],
    };

    private string FreshValue(ISet<string> alsoAvoid)
    {
        var candidate = "other";
        for (var n = 2; _index.ContainsKey(candidate) || alsoAvoid.Contains(candidate); n++)
        {
            candidate = "other-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return candidate;
    }

    private static uint BitsFor(int count)
    {
        uint bits = 1;
        while ((1L << (int)bits) < count) bits++;
        return bits;
    }
}
