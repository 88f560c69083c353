using System.Collections.Immutable;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>A workload reached from the source, with the fewest hops it takes.</summary>
public sealed record ReachedWorkload(WorkloadPeer Peer, int Hops);

/// <summary>
/// What a compromised workload can reach within 1..Hops hops: every other workload with its
/// shortest hop count, by hop count, then namespace, then id. Edges are the hops that lie on
/// some shortest path from the source (one layer deeper each), for drawing.
/// </summary>
public sealed record BlastRadius(WorkloadPeer Source, int Hops, HopFilter Filter, ImmutableArray<ReachedWorkload> Reachable)
{
    public ImmutableArray<(WorkloadPeer From, WorkloadPeer To)> Edges { get; init; } = [];

    /// <summary>How many workloads are reached within exactly <paramref name="hops"/> hops (as the fewest).</summary>
    public int CountAt(int hops) => Reachable.Count(r => r.Hops == hops);
}

/// <summary>The blast radius of one workload: one breadth-first search of the workload graph, stopped at the depth.</summary>
public static class BlastRadiusQuery
{
    public const int DefaultHops = 2;

    public static BlastRadius Run(WorkloadGraph graph, WorkloadPeer source, int hops = DefaultHops)
    {
        if (graph.VertexOf(source) is not { } root) return new BlastRadius(source, hops, graph.Filter, []);
        var distance = graph.Distances(root, hops);
        var reached = new List<ReachedWorkload>();
        for (var v = 0; v < graph.Workloads.Length; v++)
        {
            if (distance[v] >= 1 && distance[v] <= hops) reached.Add(new ReachedWorkload(graph.Workloads[v], distance[v]));
        }
        var edges = new List<(WorkloadPeer, WorkloadPeer)>();
        for (var v = 0; v < graph.Workloads.Length; v++)
        {
            if (distance[v] < 0 || distance[v] >= hops) continue;
            foreach (var next in graph.Successors(v))
            {
                if (distance[next] == distance[v] + 1) edges.Add((graph.Workloads[v], graph.Workloads[next]));
            }
        }
        return new BlastRadius(source, hops, graph.Filter, [.. reached
            .OrderBy(r => r.Hops)
            .ThenBy(r => r.Peer.Workload.Namespace, StringComparer.Ordinal)
            .ThenBy(r => r.Peer.Id, StringComparer.Ordinal)]) { Edges = [.. edges] };
    }
}
