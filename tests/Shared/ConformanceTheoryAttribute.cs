namespace PolicyLint.Tests;

/// <summary>
/// A theory over conformance cases that is reported as skipped, not passed, when the data is
/// not beside the checkout (a user's clone has no ../shared). Its data then holds one
/// placeholder row, <see cref="Missing"/>, that the skipped theory never runs.
/// </summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public const string Missing = "(conformance data not found)";

    public ConformanceTheoryAttribute()
    {
        if (RepositoryRoot.Conformance("") is not { } root || !Directory.Exists(root))
        {
            Skip = "shared/conformance/netpol-analyzer not found beside the checkout";
        }
    }

    /// <summary>The case folders under a conformance part (connlist, invalid), or the placeholder row.</summary>
    public static TheoryData<string> Cases(string part, Func<string, bool>? include = null)
    {
        var data = new TheoryData<string>();
        if (RepositoryRoot.Conformance(part) is not { } root || !Directory.Exists(root))
        {
            data.Add(Missing);
            return data;
        }
        foreach (var dir in Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            if (include?.Invoke(dir) ?? true) data.Add(dir);
        }
        return data;
    }
}
