using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Cli.Report;

/// <summary>
/// One connection as a listing prints it, and the engine's connections it stands for: null when
/// it is the engine's own, else the connections of the outside peers merged into it.
/// </summary>
public readonly record struct ListedConnection(PeerConnection Connection, IReadOnlyList<PeerConnection>? MergedFrom)
{
    /// <summary>The engine's connections this one stands for (itself alone when nothing was merged).</summary>
    public IReadOnlyList<PeerConnection> Parts => MergedFrom ?? [Connection];
}

/// <summary>
/// For the listings: the connections of one workload with outside peers that allow the same
/// connections merged into one peer. The engine cuts the address space at every ipBlock
/// boundary its rules tell apart, which to a reader (and to a program reading JSON) is noise:
/// a workload that no policy isolates is one line for every outside address.
/// </summary>
public static class OutsideRanges
{
    public static List<PeerConnection> Merge(IEnumerable<PeerConnection> connections, bool outsideIsSource)
    {
        var result = new List<PeerConnection>();
        var outside = new List<PeerConnection>();
        foreach (var c in connections)
        {
            if ((outsideIsSource ? c.Source : c.Destination) is ExternalPeer) outside.Add(c);
            else result.Add(c);
        }
        foreach (var group in outside.GroupBy(c => c.Connections))
        {
            result.Add(Merged([.. group], outsideIsSource).Connection);
        }
        return [.. result.OrderBy(c => c.Source.Id, StringComparer.Ordinal).ThenBy(c => c.Destination.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The connections a listing prints: under the default profile with the outside peers of each
    /// workload merged (<see cref="MergeAll"/>), so a workload open to every address is one line
    /// however finely other workloads' rules cut the addresses; under netpol-analyzer as the
    /// engine lists them, byte-compatible with that tool.
    /// </summary>
    public static IReadOnlyList<PeerConnection> Listed(ReachabilityReport report) =>
        report.Profile == AnalysisProfile.Default ? MergeAll(report.Connectivity.Connections) : report.Connectivity.Connections;

    /// <summary><see cref="Listed"/>, each with the engine's connections it stands for.</summary>
    public static IReadOnlyList<ListedConnection> ListedWithParts(ReachabilityReport report) =>
        report.Profile == AnalysisProfile.Default
            ? MergeAllWithParts(report.Connectivity.Connections)
            : [.. report.Connectivity.Connections.Select(c => new ListedConnection(c, null))];

    /// <summary>Every connection, with the outside peers of each workload merged as in <see cref="Merge"/>.</summary>
    public static List<PeerConnection> MergeAll(IReadOnlyList<PeerConnection> connections) =>
        [.. MergeAllWithParts(connections).Select(l => l.Connection)];

    /// <summary>
    /// <see cref="MergeAll"/> with the parts of each merged connection. The connections must be in
    /// the engine's order (ordinal by source id, then destination id) with its peer objects, as a
    /// report holds them: a workload's connections are then one run, only the merged peers need
    /// placing, and the million pairs of a large cluster are never sorted again.
    /// </summary>
    public static List<ListedConnection> MergeAllWithParts(IReadOnlyList<PeerConnection> connections)
    {
        var order = new OutsideAddressOrder(connections);
        var fromOutside = new Dictionary<Peer, Dictionary<ConnectionSet, List<PeerConnection>>>(ReferenceEqualityComparer.Instance);
        var fromInside = new List<ListedConnection>(connections.Count);
        for (var start = 0; start < connections.Count;)
        {
            var source = connections[start].Source;
            var end = start;
            while (end < connections.Count && ReferenceEquals(connections[end].Source, source)) end++;
            if (source is ExternalPeer)
            {
                for (var i = start; i < end; i++) Add(fromOutside, connections[i].Destination, connections[i]);
            }
            else
            {
                AddRun(connections, start, end, fromInside, order);
            }
            start = end;
        }
        var merged = fromOutside.Values
            .SelectMany(bySet => bySet.Values.Select(group => Merged(group, outsideIsSource: true, order)))
            .OrderBy(l => l.Connection.Source.Id, StringComparer.Ordinal)
            .ThenBy(l => l.Connection.Destination.Id, StringComparer.Ordinal)
            .ToList();
        return Interleave(fromInside, merged, l => l.Connection.Source.Id);
    }

    /// <summary>One source's run: its connections inside the cluster in order, its outside peers merged and placed among them.</summary>
    private static void AddRun(IReadOnlyList<PeerConnection> connections, int start, int end, List<ListedConnection> listed, OutsideAddressOrder order)
    {
        var inside = new List<ListedConnection>(end - start);
        var toOutside = new Dictionary<ConnectionSet, List<PeerConnection>>();
        for (var i = start; i < end; i++)
        {
            var c = connections[i];
            if (c.Destination is ExternalPeer)
            {
                if (!toOutside.TryGetValue(c.Connections, out var group)) toOutside[c.Connections] = group = [];
                group.Add(c);
            }
            else
            {
                inside.Add(new ListedConnection(c, null));
            }
        }
        if (toOutside.Count == 0)
        {
            listed.AddRange(inside);
            return;
        }
        var merged = toOutside.Values.Select(group => Merged(group, outsideIsSource: false, order))
            .OrderBy(l => l.Connection.Destination.Id, StringComparer.Ordinal)
            .ToList();
        listed.AddRange(Interleave(inside, merged, l => l.Connection.Destination.Id));
    }

    /// <summary>Two lists ordinal by <paramref name="key"/> as one.</summary>
    private static List<ListedConnection> Interleave(List<ListedConnection> first, List<ListedConnection> second, Func<ListedConnection, string> key)
    {
        if (second.Count == 0) return first;
        var result = new List<ListedConnection>(first.Count + second.Count);
        var i = 0;
        var j = 0;
        while (i < first.Count && j < second.Count)
        {
            result.Add(string.CompareOrdinal(key(first[i]), key(second[j])) <= 0 ? first[i++] : second[j++]);
        }
        for (; i < first.Count; i++) result.Add(first[i]);
        for (; j < second.Count; j++) result.Add(second[j]);
        return result;
    }

    private static void Add(Dictionary<Peer, Dictionary<ConnectionSet, List<PeerConnection>>> groups, Peer workload, PeerConnection connection)
    {
        if (!groups.TryGetValue(workload, out var bySet)) groups[workload] = bySet = [];
        if (!bySet.TryGetValue(connection.Connections, out var group)) bySet[connection.Connections] = group = [];
        group.Add(connection);
    }

    /// <summary>
    /// The outside peers of one workload that allow the same connections, as one peer (one alone
    /// is kept as it is); their union read off <paramref name="order"/> when given.
    /// </summary>
    private static ListedConnection Merged(List<PeerConnection> group, bool outsideIsSource, OutsideAddressOrder? order = null)
    {
        var first = group[0];
        var only = (ExternalPeer)(outsideIsSource ? first.Source : first.Destination);
        // netpol-analyzer's spelling of one address (a-a) is the engine's; a merged peer is spelt compactly
        if (group.Count == 1 && !only.SingleAddressAsRange) return new ListedConnection(first, null);
        // one union of every range, not a union per peer (thousands of peers per workload on ipBlock-heavy input)
        var peers = group.Select(c => (ExternalPeer)(outsideIsSource ? c.Source : c.Destination));
        var addresses = order is null ? IpSet.UnionOf([.. peers.Select(p => p.Addresses)]) : order.UnionOf(peers);
        var peer = new ExternalPeer(addresses);
        return new ListedConnection(outsideIsSource ? first with { Source = peer } : first with { Destination = peer }, group.Count == 1 ? null : group);
    }
}
