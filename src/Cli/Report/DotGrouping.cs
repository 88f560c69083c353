using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli.Report;

/// <summary>
/// Keeps a Graphviz drawing readable, as the HTML page does: a namespace with more than
/// <see cref="CollapseAbove"/> workloads, or every namespace when the graph has more than
/// <see cref="CollapseAllAbove"/> workloads, becomes one node; then outside addresses become
/// one "internet" node too, and the connections between two drawn nodes one edge carrying the
/// number of workload pairs. Pure: the formatter prints what this returns.
/// </summary>
public sealed record DotGrouping(IReadOnlySet<string> CollapsedNamespaces)
{
    public const int CollapseAbove = 12;
    public const int CollapseAllAbove = 150;
    public const string InternetId = "internet";

    public bool CollapsesAnything => CollapsedNamespaces.Count > 0;

    public static DotGrouping For(IReadOnlyCollection<WorkloadPeer> workloads)
    {
        var byNamespace = workloads.GroupBy(w => w.Workload.Namespace, StringComparer.Ordinal).ToList();
        var collapsed = byNamespace
            .Where(g => workloads.Count > CollapseAllAbove || g.Count() > CollapseAbove)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        return new DotGrouping(collapsed);
    }

    /// <summary>The id of the node that stands for <paramref name="peer"/> in the drawing.</summary>
    public string NodeOf(Peer peer) => peer switch
    {
        WorkloadPeer w when CollapsedNamespaces.Contains(w.Workload.Namespace) => NamespaceNodeId(w.Workload.Namespace),
        ExternalPeer when CollapsesAnything => InternetId,
        _ => peer.Id,
    };

    public static string NamespaceNodeId(string ns) => "namespace:" + ns;

    /// <summary>One line for the drawing and the DOT source, saying what was collapsed and why.</summary>
    public string Note(int workloads) =>
        workloads > CollapseAllAbove
            ? $"{workloads} workloads: each of the {CollapsedNamespaces.Count} namespaces is one node and outside addresses one \"internet\" node; edges count workload pairs (--format html expands them)"
            : $"namespaces with more than {CollapseAbove} workloads ({string.Join(", ", CollapsedNamespaces.Order(StringComparer.Ordinal))}) are one node each and outside addresses one \"internet\" node; edges count workload pairs (--format html expands them)";

    /// <summary>The edges between drawn nodes: the pairs they stand for, and the connections when there is one pair.</summary>
    public List<GroupedEdge> Edges(IEnumerable<PeerConnection> connections) =>
        [.. connections
            .Select(c => (From: NodeOf(c.Source), To: NodeOf(c.Destination), Connection: c))
            .Where(e => e.From != e.To)
            .GroupBy(e => (e.From, e.To))
            .Select(g => new GroupedEdge(g.Key.From, g.Key.To, g.Count(), g.All(e => e.Connection.Connections.IsAll), g.First().Connection.Connections.ToString()))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)];
}

/// <summary>One drawn edge: Pairs workload pairs, all of them allowing every connection or not; Text the connections of the first.</summary>
public sealed record GroupedEdge(string From, string To, int Pairs, bool AllConnections, string Text)
{
    public string Label => Pairs == 1 ? Text : $"{Pairs} pairs{(AllConnections ? ", All Connections" : "")}";
}
