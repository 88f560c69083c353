using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>
/// One internet entry and how far it leads: Within[i] is the number of other workloads
/// reachable in at most i + 1 hops from the entry workload.
/// </summary>
public sealed record EntryReach(InternetEntry Entry, ImmutableArray<int> Within);

/// <summary>
/// The report's "attack surface": for every workload outside addresses reach directly, how
/// many workloads an intruder there reaches within 1, 2 and 3 hops (one breadth-first search per
/// entry). Most reach first (within 3, then 2, then 1 hops), then by id.
/// </summary>
public static class AttackSurfaceQuery
{
    public const int Depth = 3;

    public static ImmutableArray<EntryReach> Run(WorkloadGraph graph, int depth = Depth)
    {
        var (distance, queue) = (new int[graph.VertexCount], new int[graph.VertexCount]);
        return [.. graph.Entries.Select(entry => new EntryReach(entry, Within(graph, entry, depth, distance, queue)))
            .OrderByDescending(r => r.Within[^1])
            .ThenByDescending(r => r.Within.Length > 1 ? r.Within[1] : 0)
            .ThenByDescending(r => r.Within[0])
            .ThenBy(r => r.Entry.Workload.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Counts the workloads by fewest hops straight from the search's distances: the counts need
    /// neither the blast radius's sorted list nor its edges, whose ordering by id (a string built
    /// per workload) cost most of the report's time on large clusters, once per entry. The
    /// searches share their two arrays.
    /// </summary>
    private static ImmutableArray<int> Within(WorkloadGraph graph, InternetEntry entry, int depth, int[] distance, int[] queue)
    {
        var counts = new int[depth];
        if (graph.VertexOf(entry.Workload) is not { } root) return [.. counts];
        graph.Distances(root, depth, distance, queue);
        for (var v = 0; v < graph.Workloads.Length; v++)
        {
            if (distance[v] < 1 || distance[v] > depth) continue;
            for (var i = distance[v] - 1; i < depth; i++) counts[i]++;
        }
        return [.. counts];
    }
}
