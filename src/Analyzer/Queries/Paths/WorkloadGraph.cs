using System.Collections.Immutable;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using QuikGraph;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>
/// The workload graph: a vertex per workload, an edge A -> B when the engine allows A to open
/// a connection to B that the <see cref="HopFilter"/> admits (the edge carries every allowed
/// connection). Outside addresses and the ingress controller are not vertices: they are
/// folded into one extra vertex, "outside", with an edge to every <see cref="InternetEntry"/>,
/// so that "from the internet" is one breadth-first search like any other.
/// <para>
/// Vertices are numbered in ordinal order of the workload ids, so "by index" is "by id".
/// The graph is QuikGraph's <see cref="BidirectionalGraph{TVertex, TEdge}"/> (in-edges are needed
/// to walk shortest paths backwards, edges carry their connections). Distances come from a plain
/// breadth-first search over a copy of the out-edges as int arrays (each vertex's targets in
/// vertex order, one slice of one array): the report runs one search per internet entry, thousands
/// on a large cluster, and QuikGraph's search (a colour dictionary, an event per edge) cost more
/// than the rest of the attack surface.
/// Build: O(pairs + E log E); one search: O(V + E) at most, stopped at the asked depth.
/// </para>
/// </summary>
public sealed class WorkloadGraph
{
    private readonly BidirectionalGraph<int, TaggedEdge<int, ConnectionSet>> _graph;
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, InternetEntry> _entryById;

    /// <summary>Vertex v's out-edge targets are _targets[_firstTarget[v] .. _firstTarget[v + 1]], in vertex order.</summary>
    private readonly int[] _firstTarget;
    private readonly int[] _targets;

    /// <summary>How many vertices some edge leads to: no search can discover more.</summary>
    private readonly int _withInEdges;

    private WorkloadGraph(
        ImmutableArray<WorkloadPeer> workloads, BidirectionalGraph<int, TaggedEdge<int, ConnectionSet>> graph,
        ImmutableArray<InternetEntry> entries, HopFilter filter)
    {
        Workloads = workloads;
        _graph = graph;
        Entries = entries;
        Filter = filter;
        _index = new Dictionary<string, int>(workloads.Length, StringComparer.Ordinal);
        for (var i = 0; i < workloads.Length; i++) _index[workloads[i].Id] = i;
        _entryById = entries.ToDictionary(e => e.Workload.Id, StringComparer.Ordinal);
        _withInEdges = graph.Vertices.Count(v => !graph.IsInEdgesEmpty(v));
        (_firstTarget, _targets) = OutTargets(graph);
    }

    /// <summary>The out-edges as one array of targets sliced per vertex, each slice sorted.</summary>
    private static (int[] First, int[] Targets) OutTargets(BidirectionalGraph<int, TaggedEdge<int, ConnectionSet>> graph)
    {
        var first = new int[graph.VertexCount + 1];
        var targets = new int[graph.EdgeCount];
        var next = 0;
        for (var v = 0; v < graph.VertexCount; v++)
        {
            first[v] = next;
            foreach (var edge in graph.OutEdges(v)) targets[next++] = edge.Target;
            Array.Sort(targets, first[v], next - first[v]);
        }
        first[graph.VertexCount] = next;
        return (first, targets);
    }

    /// <summary>Every workload with pods, ordinal by id; a workload's vertex is its position.</summary>
    public ImmutableArray<WorkloadPeer> Workloads { get; }

    /// <summary>The workloads outside addresses reach directly, ordinal by id.</summary>
    public ImmutableArray<InternetEntry> Entries { get; }

    public HopFilter Filter { get; }

    /// <summary>The vertex that stands for every address outside the cluster.</summary>
    internal int Outside => Workloads.Length;

    public int EdgeCount => _graph.EdgeCount - Entries.Length;

    /// <summary>
    /// Builds the graph from the engine's allowed pairs (<see cref="ReachabilityMatrix.Pairs"/>, or a
    /// report's connections: at most one per source and destination) and the exposure view's entry points. Pairs from an outside range to a
    /// workload make it an entry ("pod ingress"), whatever the filter: reaching a pod from outside is
    /// how a path starts, not a hop.
    /// </summary>
    public static WorkloadGraph Build(
        IEnumerable<Peer> peers,
        IEnumerable<(Peer Source, Peer Destination, ConnectionSet Connections)> pairs,
        IEnumerable<EntryPoint> entryPoints,
        HopFilter? filter = null)
    {
        filter ??= HopFilter.Any;
        ImmutableArray<WorkloadPeer> workloads = [.. peers.OfType<WorkloadPeer>().OrderBy(w => w.Id, StringComparer.Ordinal)];
        var index = new Dictionary<string, int>(workloads.Length, StringComparer.Ordinal);
        for (var i = 0; i < workloads.Length; i++) index[workloads[i].Id] = i;
        // The pairs are distinct (one per source and destination), so QuikGraph need not look for
        // an existing edge before adding each one: that search is linear in the source's edges,
        // quadratic per workload where every workload reaches every other (a cluster without policies).
        var graph = new BidirectionalGraph<int, TaggedEdge<int, ConnectionSet>>(allowParallelEdges: true, workloads.Length + 1);
        graph.AddVertexRange(Enumerable.Range(0, workloads.Length + 1));
        var fromOutside = new Dictionary<int, List<(IpSet Addresses, ConnectionSet Connections)>>();
        foreach (var (source, destination, connections) in pairs)
        {
            if (destination is not WorkloadPeer to || !index.TryGetValue(to.Id, out var target)) continue;
            if (source is WorkloadPeer from && index.TryGetValue(from.Id, out var origin))
            {
                if (origin != target && filter.Admits(connections)) graph.AddEdge(new TaggedEdge<int, ConnectionSet>(origin, target, connections));
            }
            else if (source is ExternalPeer outside)
            {
                if (!fromOutside.TryGetValue(target, out var list)) fromOutside[target] = list = [];
                list.Add((outside.Addresses, connections));
            }
        }
        var entries = EntriesOf(workloads, index, fromOutside, entryPoints);
        foreach (var entry in entries)
        {
            graph.AddEdge(new TaggedEdge<int, ConnectionSet>(workloads.Length, index[entry.Workload.Id], ConnectionSet.All));
        }
        return new WorkloadGraph(workloads, graph, entries, filter);
    }

    /// <summary>The vertex of a workload, or null when it has no pods (the engine knows no such peer).</summary>
    public int? VertexOf(WorkloadPeer workload) => _index.TryGetValue(workload.Id, out var v) ? v : null;

    /// <summary>How outside traffic enters the workload, or null when it does not.</summary>
    public InternetEntry? EntryOf(WorkloadPeer workload) => _entryById.GetValueOrDefault(workload.Id);

    /// <summary>What the edge from one workload vertex to another allows, or null when there is no edge.</summary>
    internal ConnectionSet? EdgeConnections(int source, int target) =>
        _graph.TryGetEdge(source, target, out var edge) ? edge.Tag : null;

    /// <summary>The targets of a vertex's out-edges, in vertex (= id) order.</summary>
    internal ReadOnlySpan<int> Successors(int vertex) => _targets.AsSpan(_firstTarget[vertex].._firstTarget[vertex + 1]);

    internal IEnumerable<int> Predecessors(int vertex) => _graph.InEdges(vertex).Select(e => e.Source);

    /// <summary>
    /// Hop counts from <paramref name="root"/> by breadth-first search, -1 where unreached or
    /// beyond <paramref name="maxDepth"/>.
    /// </summary>
    internal int[] Distances(int root, int maxDepth)
    {
        var distance = new int[VertexCount];
        Distances(root, maxDepth, distance, new int[VertexCount]);
        return distance;
    }

    internal int VertexCount => _firstTarget.Length - 1;

    /// <summary>
    /// <see cref="Distances(int, int)"/> into the caller's arrays (both <see cref="VertexCount"/>
    /// long), for a caller that searches from many roots. The search stops at the first vertex
    /// dequeued at <paramref name="maxDepth"/> (every vertex at that depth is discovered by then,
    /// none beyond it is needed), or once it has discovered every vertex that has an in-edge
    /// (nothing is left to find: on a cluster without policies, where every workload reaches every
    /// other, this is after the root's own edges instead of after every edge of the graph).
    /// </summary>
    internal void Distances(int root, int maxDepth, int[] distance, int[] queue)
    {
        Array.Fill(distance, -1);
        distance[root] = 0;
        var discoverable = _withInEdges - (_graph.IsInEdgesEmpty(root) ? 0 : 1);
        var discovered = 0;
        var (head, tail) = (0, 0);
        queue[tail++] = root;
        while (head < tail && discovered < discoverable)
        {
            var vertex = queue[head++];
            var hops = distance[vertex] + 1;
            if (hops > maxDepth) break;
            for (var e = _firstTarget[vertex]; e < _firstTarget[vertex + 1]; e++)
            {
                var target = _targets[e];
                if (distance[target] >= 0) continue;
                distance[target] = hops;
                queue[tail++] = target;
                discovered++;
            }
        }
    }

    private static ImmutableArray<InternetEntry> EntriesOf(
        ImmutableArray<WorkloadPeer> workloads, Dictionary<string, int> index,
        Dictionary<int, List<(IpSet Addresses, ConnectionSet Connections)>> fromOutside, IEnumerable<EntryPoint> entryPoints)
    {
        var ways = new SortedDictionary<int, List<EntryWay>>();
        foreach (var (vertex, ranges) in fromOutside)
        {
            ways[vertex] = [.. ranges.GroupBy(r => r.Connections).Select(g => PodIngress(IpSet.UnionOf([.. g.Select(r => r.Addresses)]), g.Key))
                .OrderBy(w => w.Text, StringComparer.Ordinal)];
        }
        foreach (var entry in entryPoints.Where(e => e.IsExposed))
        {
            var way = new EntryWay(EntryPointText.KindName(entry.Kind), $"{EntryPointText.Title(entry)}, open to {EntryPointText.Sources(entry)}", entry.Object, entry.Span);
            foreach (var backend in entry.Backends.Where(b => b.Accepts))
            {
                if (!index.TryGetValue(backend.Target.Id, out var vertex)) continue;
                if (!ways.TryGetValue(vertex, out var list)) ways[vertex] = list = [];
                if (!list.Contains(way)) list.Add(way);
            }
        }
        return [.. ways.Select(w => new InternetEntry(workloads[w.Key], [.. w.Value]))];
    }

    private static EntryWay PodIngress(IpSet addresses, ConnectionSet connections) =>
        new("pod-ingress", $"pod ingress from outside addresses {EntryPointText.Cidrs(addresses)} ({connections})", null, null);
}
