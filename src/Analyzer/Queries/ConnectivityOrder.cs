using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// The two listings of a <see cref="ConnectivityReport"/> in report order (ordinal by source id,
/// then destination id): range by range, or with each workload's ranges of the same connections
/// as one peer. No two connections of a listing share both ids (a workload's groups hold
/// disjoint ranges, so their unions differ), so the order is total.
/// </summary>
internal static class ConnectivityOrder
{
    public static ImmutableArray<PeerConnection> Merged(ConnectivityReport report)
    {
        var outside = report.Outside.Select(o => o.Connection).ToArray();
        Array.Sort(outside, Compare);
        var result = ImmutableArray.CreateBuilder<PeerConnection>(report.Inside.Length + outside.Length);
        var inside = report.Inside;
        var i = 0;
        var j = 0;
        while (i < inside.Length && j < outside.Length)
        {
            result.Add(Compare(inside[i], outside[j]) <= 0 ? inside[i++] : outside[j++]);
        }
        for (; i < inside.Length; i++) result.Add(inside[i]);
        for (; j < outside.Length; j++) result.Add(outside[j]);
        return result.MoveToImmutable();
    }

    /// <summary>
    /// Every connection, one per outside range, sorted by the peers' ranks in
    /// <see cref="ConnectivityReport.Peers"/> (which are ordinal by id): a range is ranked once,
    /// however many workloads meet it.
    /// </summary>
    public static ImmutableArray<PeerConnection> PerRange(ConnectivityReport report)
    {
        var byId = new Dictionary<string, int>(report.Peers.Length, StringComparer.Ordinal);
        for (var i = 0; i < report.Peers.Length; i++) byId[report.Peers[i].Id] = i;
        var ranks = new Dictionary<Peer, int>(ReferenceEqualityComparer.Instance);
        long RankOf(Peer peer)
        {
            if (!ranks.TryGetValue(peer, out var rank)) ranks[peer] = rank = byId[peer.Id];
            return rank;
        }
        var count = report.Count;
        var keys = new long[count];
        var connections = new PeerConnection[count];
        var n = 0;
        foreach (var c in report.Inside)
        {
            keys[n] = RankOf(c.Source) << 32 | RankOf(c.Destination);
            connections[n++] = c;
        }
        foreach (var group in report.Outside)
        {
            foreach (var c in group.Parts)
            {
                keys[n] = RankOf(c.Source) << 32 | RankOf(c.Destination);
                connections[n++] = c;
            }
        }
        Array.Sort(keys, connections);
        return ImmutableCollectionsMarshal.AsImmutableArray(connections);
    }

    private static int Compare(PeerConnection x, PeerConnection y)
    {
        var bySource = string.CompareOrdinal(x.Source.Id, y.Source.Id);
        return bySource != 0 ? bySource : string.CompareOrdinal(x.Destination.Id, y.Destination.Id);
    }
}
