using System.Collections.Immutable;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>
/// Every shortest path from a workload, or from the internet, to a set of target workloads (a
/// workload, or the backends of a Service), within a number of hops.
/// <para>
/// QuikGraph's breadth-first search gives the hop count of every vertex from the source
/// (<see cref="WorkloadGraph.Distances"/>); the shortest paths are then exactly the walks that go
/// one layer deeper at each edge and end at a target of the nearest layer. A backward pass over
/// the layers keeps the vertices from which such a walk exists and counts the paths through
/// each; a depth-first walk forward lists them in order of the ids along the path, up to the
/// limit. Cost: one search, O(V + E), plus O(listed paths × hops). From the internet the
/// search starts at the graph's outside vertex, so a path's first edge is its entry, not a hop.
/// Each listed hop is explained by the engine (the allowing rules on both sides), once per
/// distinct hop.
/// </para>
/// </summary>
public static class PathsQuery
{
    public const int DefaultLimit = 1000;
    public const int DefaultMaxHops = 6;

    /// <summary>Paths from a workload.</summary>
    public static PathsResult FromWorkload(
        ReachabilityEngine engine, WorkloadGraph graph, WorkloadPeer source, string to, IReadOnlyCollection<WorkloadPeer> targets,
        int maxHops = DefaultMaxHops, int limit = DefaultLimit) =>
        Run(engine, graph, source.Id, graph.VertexOf(source), 0, to, targets, maxHops, limit);

    /// <summary>Paths from <c>{internet}</c>: from the graph's entries.</summary>
    public static PathsResult FromInternet(
        ReachabilityEngine engine, WorkloadGraph graph, string to, IReadOnlyCollection<WorkloadPeer> targets,
        int maxHops = DefaultMaxHops, int limit = DefaultLimit) =>
        FromInternetToEach(engine, graph, [(to, targets)], maxHops, limit)[0];

    /// <summary>
    /// Paths from <c>{internet}</c> to each of several destinations (To, Targets), with one
    /// search for all of them and each hop explained once: what the lint rule and the benchmark
    /// ask for every sensitive workload.
    /// </summary>
    public static ImmutableArray<PathsResult> FromInternetToEach(
        ReachabilityEngine engine, WorkloadGraph graph, IReadOnlyList<(string To, IReadOnlyCollection<WorkloadPeer> Targets)> destinations,
        int maxHops = DefaultMaxHops, int limit = DefaultLimit)
    {
        var search = new Search(graph.Outside, 1, graph.Distances(graph.Outside, maxHops + 1));
        var explained = new Dictionary<(int, int), PathStep>();
        return [.. destinations.Select(d => Enumerate(engine, graph, search, InternetEntry.Name, d.To, d.Targets, maxHops, limit, explained))];
    }

    /// <summary>A breadth-first search done: its root, whether the first edge is an entry (1) or a hop (0), and the hop counts.</summary>
    private sealed record Search(int Root, int EntryEdges, int[] Distance);

    private static PathsResult Run(
        ReachabilityEngine engine, WorkloadGraph graph, string from, int? root, int entryEdges, string to,
        IReadOnlyCollection<WorkloadPeer> targets, int maxHops, int limit)
    {
        if (root is not { } start) return Enumerate(engine, graph, null, from, to, targets, maxHops, limit, []);
        var search = new Search(start, entryEdges, graph.Distances(start, maxHops + entryEdges));
        return Enumerate(engine, graph, search, from, to, targets, maxHops, limit, []);
    }

    private static PathsResult Enumerate(
        ReachabilityEngine engine, WorkloadGraph graph, Search? search, string from, string to,
        IReadOnlyCollection<WorkloadPeer> targets, int maxHops, int limit, Dictionary<(int, int), PathStep> explained)
    {
        ImmutableArray<WorkloadPeer> targetList = [.. targets.Distinct().OrderBy(t => t.Id, StringComparer.Ordinal)];
        var none = new PathsResult(from, to, targetList, maxHops, limit, graph.Filter, null, [], 0);
        if (search is null) return none;
        var distance = search.Distance;
        var targetVertices = targetList.Select(graph.VertexOf).OfType<int>().Where(v => distance[v] >= search.EntryEdges).ToList();
        if (targetVertices.Count == 0) return none;
        var depth = targetVertices.Min(v => distance[v]);
        var ends = targetVertices.Where(v => distance[v] == depth).ToHashSet();
        var toEnd = CountToEnds(graph, distance, ends, depth);
        var listed = new List<int[]>();
        Walk(graph, distance, toEnd, ends, [search.Root], Math.Max(0, limit), listed);
        var paths = listed.Select(vertices => ToPath(engine, graph, vertices, search.EntryEdges, explained));
        return none with { Hops = depth - search.EntryEdges, Paths = [.. paths], Total = toEnd[search.Root] };
    }

    /// <summary>
    /// For each vertex on a shortest walk to an end, the number of such walks from it to an
    /// end (absent: none), layer by layer backwards from the ends; saturates at long.MaxValue.
    /// </summary>
    private static Dictionary<int, long> CountToEnds(WorkloadGraph graph, int[] distance, HashSet<int> ends, int depth)
    {
        var count = ends.ToDictionary(e => e, _ => 1L);
        var layer = ends.ToList();
        for (var d = depth; d > 0; d--)
        {
            var previous = new HashSet<int>();
            foreach (var vertex in layer)
            {
                foreach (var before in graph.Predecessors(vertex))
                {
                    if (distance[before] != d - 1) continue;
                    var sum = count.GetValueOrDefault(before);
                    count[before] = sum > long.MaxValue - count[vertex] ? long.MaxValue : sum + count[vertex];
                    previous.Add(before);
                }
            }
            layer = [.. previous];
        }
        return count;
    }

    /// <summary>Depth-first, successors in id order: the paths come out sorted by the ids along them.</summary>
    private static void Walk(WorkloadGraph graph, int[] distance, Dictionary<int, long> toEnd, HashSet<int> ends, List<int> prefix, int limit, List<int[]> listed)
    {
        var here = prefix[^1];
        if (ends.Contains(here))
        {
            listed.Add([.. prefix]);
            return;
        }
        foreach (var next in graph.Successors(here))
        {
            if (listed.Count >= limit) return;
            if (distance[next] != distance[here] + 1 || !toEnd.ContainsKey(next)) continue;
            prefix.Add(next);
            Walk(graph, distance, toEnd, ends, prefix, limit, listed);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private static AttackPath ToPath(ReachabilityEngine engine, WorkloadGraph graph, int[] vertices, int entryEdges, Dictionary<(int, int), PathStep> explained)
    {
        var entry = entryEdges == 1 ? graph.EntryOf(graph.Workloads[vertices[1]]) : null;
        var steps = ImmutableArray.CreateBuilder<PathStep>();
        for (var i = entryEdges; i + 1 < vertices.Length; i++)
        {
            var key = (vertices[i], vertices[i + 1]);
            if (!explained.TryGetValue(key, out var step))
            {
                explained[key] = step = Explain(engine, graph, key.Item1, key.Item2);
            }
            steps.Add(step);
        }
        return new AttackPath(entry, steps.ToImmutable());
    }

    private static PathStep Explain(ReachabilityEngine engine, WorkloadGraph graph, int source, int target)
    {
        var from = graph.Workloads[source];
        var to = graph.Workloads[target];
        var explanation = engine.Explain(from, to);
        return new PathStep(from, to, graph.EdgeConnections(source, target)!, HopSide.Of(explanation.Egress), HopSide.Of(explanation.Ingress));
    }
}
