using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// sensitive-reachable-from-internet: a sensitive workload (one whose pod labels match a
/// selector, or whose container image is named, in the <c>sensitive</c> section of .policylint.yaml,
/// or the built-in data-store lists)
/// lies within N hops (default 2) of the internet: of a workload that outside addresses reach
/// directly (pod ingress from outside, NodePort, LoadBalancer, externalIPs, hostPort, Ingress and
/// Route backends). One finding per sensitive workload, at the workload, showing one shortest
/// path and how many there are.
/// </summary>
public sealed class SensitiveReachableFromInternetRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "sensitive-reachable-from-internet",
        "Sensitive workload reachable from the internet within a few hops",
        Severity.Warning,
        "Exposure",
        "An attacker who takes over a workload exposed to the internet can open every connection that workload's pods may " +
        "open. When a data store is a hop or two away through allowed connections, one compromised frontend is enough to reach it.",
        "Cut the path: isolate the data store with a NetworkPolicy that admits only the clients that need it, and give the " +
        "exposed workloads an egress policy that allows only what they use. 'policylint paths {internet} WORKLOAD' lists every path.",
        [RuleTags.Security],
        6.5);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var sensitive = context.Sensitive;
        var candidates = context.Reachability.Peers.OfType<WorkloadPeer>().Where(w => sensitive.Matches(w.Workload)).ToList();
        if (candidates.Count == 0) yield break;
        var graph = WorkloadGraph.Build(context.Reachability.Peers, context.Matrix.Pairs(), EntryPointFacts.Of(context).EntryPoints);
        if (graph.Entries.IsEmpty) yield break;
        var answers = PathsQuery.FromInternetToEach(context.Reachability, graph,
            [.. candidates.Select(w => (w.Id, (IReadOnlyCollection<WorkloadPeer>)[w]))], sensitive.Hops, limit: 1);
        foreach (var (workload, paths) in candidates.Zip(answers))
        {
            if (!paths.Found) continue;
            yield return Report(workload.Workload, null,
                $"{workload.Id} is sensitive ({sensitive.MatchedBy(workload.Workload)}) and {Distance(paths.Hops!.Value)} from the internet " +
                $"({(paths.Total == 1 ? "1 shortest path" : $"{paths.Total} shortest paths")}): {Describe(paths.Paths[0])}; " +
                "isolate it and the workloads on the way, or list every path with 'policylint paths {internet} " + workload.Id + "'");
        }
    }

    private static string Distance(int hops) => hops switch
    {
        0 => "directly reachable",
        1 => "1 hop",
        _ => $"{hops} hops",
    };

    /// <summary>"entered at A through W, then A -> B (TCP 8080), B -> C (TCP 5432)".</summary>
    private static string Describe(AttackPath path)
    {
        var entry = path.Entry!;
        var hops = string.Join(", ", path.Steps.Select(s => $"{s.From.Id} -> {s.To.Id} ({s.Connections})"));
        return $"entered at {entry.Workload.Id} through {entry.Ways[0].Text}{(hops.Length == 0 ? "" : $", then {hops}")}";
    }
}
