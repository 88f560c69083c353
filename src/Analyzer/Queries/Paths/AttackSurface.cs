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

    public static ImmutableArray<EntryReach> Run(WorkloadGraph graph, int depth = Depth) =>
    [
        .. graph.Entries.Select(entry => new EntryReach(entry, Within(graph, entry, depth)))
            .OrderByDescending(r => r.Within[^1])
            .ThenByDescending(r => r.Within.Length > 1 ? r.Within[1] : 0)
            .ThenByDescending(r => r.Within[0])
            .ThenBy(r => r.Entry.Workload.Id, StringComparer.Ordinal),
    ];

    private static ImmutableArray<int> Within(WorkloadGraph graph, InternetEntry entry, int depth)
    {
        var radius = BlastRadiusQuery.Run(graph, entry.Workload, depth);
        var counts = new int[depth];
        foreach (var reached in radius.Reachable)
        {
            for (var i = reached.Hops - 1; i < depth; i++) counts[i]++;
        }
        return [.. counts];
    }
}
