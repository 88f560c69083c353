using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Cli.Report;

/// <summary>
/// Every range of the outside peers of a listing, numbered once in address order (IPv4 first),
/// so that the union of a group of peers is read off in order from a bit per range instead of
/// sorting the group's ranges: on an ipBlock-heavy cluster each of thousands of listed lines
/// unites thousands of engine atoms, and the sort was most of the listing's time.
/// </summary>
internal sealed class OutsideAddressOrder
{
    private readonly Dictionary<ExternalPeer, int[]> _positions = new(ReferenceEqualityComparer.Instance);
    private readonly IpRange[] _ranges;

    /// <summary>Numbers the ranges of every outside peer (source or destination) of the connections.</summary>
    public OutsideAddressOrder(IReadOnlyList<PeerConnection> connections)
    {
        var peers = new List<ExternalPeer>();
        var seen = new HashSet<ExternalPeer>(ReferenceEqualityComparer.Instance);
        foreach (var c in connections)
        {
            if (c.Source is ExternalPeer source && seen.Add(source)) peers.Add(source);
            if (c.Destination is ExternalPeer destination && seen.Add(destination)) peers.Add(destination);
        }
        var ranges = new List<(IpRange Range, ExternalPeer Peer)>();
        foreach (var peer in peers)
        {
            foreach (var range in peer.Addresses.Ranges) ranges.Add((range, peer));
        }
        ranges.Sort((a, b) => a.Range.Family != b.Range.Family ? a.Range.Family.CompareTo(b.Range.Family) : a.Range.Start.CompareTo(b.Range.Start));
        _ranges = [.. ranges.Select(r => r.Range)];
        var positions = new Dictionary<ExternalPeer, List<int>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < ranges.Count; i++)
        {
            if (!positions.TryGetValue(ranges[i].Peer, out var list)) positions[ranges[i].Peer] = list = [];
            list.Add(i);
        }
        foreach (var (peer, list) in positions) _positions[peer] = [.. list];
    }

    /// <summary>The addresses of all the given peers (each one of the numbered ones).</summary>
    public IpSet UnionOf(IEnumerable<ExternalPeer> peers)
    {
        var marked = new ulong[(_ranges.Length + 63) >> 6];
        foreach (var peer in peers)
        {
            // a peer without addresses has no ranges to number
            if (!_positions.TryGetValue(peer, out var positions)) continue;
            foreach (var i in positions) marked[i >> 6] |= 1UL << i;
        }
        // ascending, so touching neighbours are joined here and the set's own normalizing never sorts
        var joined = new List<IpRange>();
        for (var word = 0; word < marked.Length; word++)
        {
            for (var bits = marked[word]; bits != 0; bits &= bits - 1)
            {
                var next = _ranges[(word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)];
                if (joined.Count > 0 && joined[^1] is var last && last.Family == next.Family && (next.Start <= last.End || next.Start - last.End == UInt128.One))
                {
                    if (next.End > last.End) joined[^1] = last with { End = next.End };
                }
                else
                {
                    joined.Add(next);
                }
            }
        }
        return IpSet.FromRanges(joined);
    }
}
