using System.Collections.Immutable;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>
/// Why one side lets a hop through: Isolated tells whether a NetworkPolicy selects the workload
/// for this direction; Rules are the rules that allow part of the hop (policy, direction, index,
/// file:line), in evaluation order. Not isolated and no rule: allowed because nothing isolates it.
/// </summary>
public sealed record HopSide(bool Isolated, ImmutableArray<RuleContribution> Rules)
{
    public static HopSide Of(DirectionVerdict verdict) => new(
        verdict.Isolated,
        [.. verdict.Rules.Where(r => r.Action == Model.AdminAction.Allow && !r.Decided.IsEmpty)]);
}

/// <summary>One hop: an allowed connection from one workload to another, with the rules on each side.</summary>
public sealed record PathStep(WorkloadPeer From, WorkloadPeer To, ConnectionSet Connections, HopSide Egress, HopSide Ingress);

/// <summary>
/// One shortest path. Entry is how it is entered when it starts from the internet (null from a
/// workload); Steps are the hops in order (none when the entry workload is itself the target).
/// </summary>
public sealed record AttackPath(InternetEntry? Entry, ImmutableArray<PathStep> Steps);

/// <summary>
/// The answer of <see cref="PathsQuery"/>: From and To as asked (a workload id, <c>{internet}</c>,
/// or a Service id); Targets the workloads that stand for To; Hops the length of the shortest
/// paths (null: none within MaxHops); Paths every shortest path in order of the workload ids along
/// it, at most Limit of them; Total how many shortest paths there are (saturating at long.MaxValue),
/// so Truncated is Total &gt; Paths.Length.
/// </summary>
public sealed record PathsResult(
    string From,
    string To,
    ImmutableArray<WorkloadPeer> Targets,
    int MaxHops,
    int Limit,
    HopFilter Filter,
    int? Hops,
    ImmutableArray<AttackPath> Paths,
    long Total)
{
    public bool Found => Hops is not null;

    public bool Truncated => Total > Paths.Length;
}
