using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Report.Html;

/// <summary>
/// The rules that allow one connection: at the source (egress) and at the destination
/// (ingress). A side is null when no policy restricts it there (the pod is not isolated in that
/// direction and no cluster policy rule matched, or the peer is not a pod of the cluster).
/// </summary>
public sealed record AllowingRules(ImmutableArray<RuleRef>? Egress, ImmutableArray<RuleRef>? Ingress)
{
    public static AllowingRules Of(PairExplanation explanation) => new(Allowing(explanation.Egress), Allowing(explanation.Ingress));

    /// <summary>The rules behind a merged connection: every rule of its parts; a side is null only when it is null in every part.</summary>
    public static AllowingRules Union(IReadOnlyList<AllowingRules> parts) => parts.Count == 1
        ? parts[0]
        : new(Union(parts.Select(p => p.Egress)), Union(parts.Select(p => p.Ingress)));

    private static ImmutableArray<RuleRef>? Union(IEnumerable<ImmutableArray<RuleRef>?> sides)
    {
        var restricted = sides.OfType<ImmutableArray<RuleRef>>().ToList();
        return restricted.Count == 0 ? null : [.. restricted.SelectMany(r => r).Distinct()];
    }

    private static ImmutableArray<RuleRef>? Allowing(DirectionVerdict verdict) =>
        !verdict.Governed || (!verdict.Isolated && verdict.Rules.IsEmpty)
            ? null
            : [.. verdict.Rules.Where(r => r.Action == AdminAction.Allow && !r.Decided.IsEmpty).Select(r => r.Rule).Distinct()];
}

/// <summary>
/// Everything the HTML page shows beyond the reachability report: the rules behind each
/// connection (parallel to the connections of the report's JSON, <see cref="OutsideRanges.Listed"/>;
/// empty when not computed), the
/// number of policies of each kind, the lint result (null when the linter did not run), and the
/// attack paths to sensitive workloads (empty when not computed).
/// </summary>
public sealed record HtmlReport(
    ReachabilityReport Report,
    ImmutableArray<AllowingRules> AllowedBy,
    ImmutableSortedDictionary<string, int> PoliciesByKind,
    LintResult? Lint)
{
    public ImmutableArray<SensitivePaths> AttackPaths { get; init; } = [];

    /// <summary>The page of a report alone: no rules per connection, no lint findings (those sections are left out).</summary>
    public static HtmlReport Of(ReachabilityReport report) =>
        new(report, [], ImmutableSortedDictionary<string, int>.Empty, null);

    public static HtmlReport Build(Analysis analysis, ReachabilityReport report, LintResult? lint) =>
        new(report, Explain(analysis, report), CountPolicies(analysis.Cluster), lint);

    /// <summary>
    /// One engine explanation per allowed connection of the engine (the matrix is not needed for
    /// it); a merged outside peer is explained range by range, since different rules may allow
    /// the same connections to different ranges.
    /// </summary>
    private static ImmutableArray<AllowingRules> Explain(Analysis analysis, ReachabilityReport report) =>
    [
        .. OutsideRanges.ListedWithParts(report).Select(l =>
            AllowingRules.Union([.. l.Parts.Select(c => AllowingRules.Of(analysis.Explain(c.Source, c.Destination)))])),
    ];

    private static ImmutableSortedDictionary<string, int> CountPolicies(Cluster cluster) =>
        cluster.AdminPolicies
            .GroupBy(p => p.Meta.Ref.Kind, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Count()))
            .Append(KeyValuePair.Create("NetworkPolicy", cluster.NetworkPolicies.Length))
            .ToImmutableSortedDictionary(StringComparer.Ordinal);
}
