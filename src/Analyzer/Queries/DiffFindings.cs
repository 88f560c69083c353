using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Findings introduced and fixed. Findings are matched by rule id, object and message, never by
/// file or line, so moving an object to another file or line is no change. Equal keys are
/// counted (a multiset): two identical findings before and three after is one introduced.
/// </summary>
internal static class DiffFindings
{
    public static (ImmutableArray<Diagnostic> Introduced, ImmutableArray<Diagnostic> Fixed) Compare(
        ImmutableArray<Diagnostic> before, ImmutableArray<Diagnostic> after) =>
        (Extra(after, before), Extra(before, after));

    /// <summary>The findings of <paramref name="side"/> beyond the count of the same key in <paramref name="other"/>, in side order.</summary>
    private static ImmutableArray<Diagnostic> Extra(ImmutableArray<Diagnostic> side, ImmutableArray<Diagnostic> other)
    {
        var available = new Dictionary<(string, string, string), int>();
        foreach (var finding in other.IsDefault ? [] : other)
        {
            var key = KeyOf(finding);
            available[key] = available.GetValueOrDefault(key) + 1;
        }
        var extra = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var finding in side.IsDefault ? [] : side)
        {
            var key = KeyOf(finding);
            if (available.TryGetValue(key, out var count) && count > 0) available[key] = count - 1;
            else extra.Add(finding);
        }
        return extra.ToImmutable();
    }

    private static (string, string, string) KeyOf(Diagnostic finding) =>
        (finding.RuleId, finding.Object?.ToString() ?? "", finding.Message);
}
