using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Connections with the outside, compared by address. Each engine cuts the outside into ranges
/// at its own ipBlock boundaries, so a peer id such as <c>0.0.0.0-9.255.255.255[External]</c>
/// exists on one side only when a block changed. Both sides are re-expressed over the union of
/// both cuts (every range of either side is a union of union ranges), compared range by range,
/// and ranges with the same before/after are merged back into one <see cref="ExternalPeer"/>:
/// a change of the cut alone yields no change.
/// <para>
/// A side that does not cut some address family at all (IPv6 when it has no IPv6 block) has no
/// listed answer there; that side's engine is asked directly for those ranges.
/// </para>
/// </summary>
internal static class DiffAddressRanges
{
    public static void Compare(
        ReachabilityEngine before, ReachabilityEngine after,
        AllowedConnections old, AllowedConnections current, List<ConnectionChange> changes)
    {
        CompareDirection(PolicyDirections.Ingress, before, after, old, current, changes);
        CompareDirection(PolicyDirections.Egress, before, after, old, current, changes);
    }

    private static void CompareDirection(
        PolicyDirections direction, ReachabilityEngine before, ReachabilityEngine after,
        AllowedConnections old, AllowedConnections current, List<ConnectionChange> changes)
    {
        var oldSide = new Side(before, old, direction);
        var newSide = new Side(after, current, direction);
        var atoms = IpAtoms.Cut(
            oldSide.Atoms.Concat(newSide.Atoms).Select(r => IpSet.Of(r)),
            includeV6: oldSide.Covered.HasV6 || newSide.Covered.HasV6).Ranges;
        foreach (var workload in Workloads(direction, oldSide, newSide))
        {
            var groups = new Dictionary<(ConnectionSet Before, ConnectionSet After), List<IpRange>>();
            foreach (var atom in atoms)
            {
                var was = oldSide.Connections(workload, atom);
                var now = newSide.Connections(workload, atom);
                if (was.Equals(now)) continue;
                if (!groups.TryGetValue((was, now), out var ranges)) groups[(was, now)] = ranges = [];
                ranges.Add(atom);
            }
            foreach (var ((was, now), ranges) in groups)
            {
                var peer = after.FindPeer(workload) ?? before.FindPeer(workload)!;
                var outside = new ExternalPeer(IpSet.FromRanges(ranges));
                changes.Add(direction == PolicyDirections.Ingress
                    ? new ConnectionChange(outside, peer, was, now)
                    : new ConnectionChange(peer, outside, was, now));
            }
        }
    }

    /// <summary>
    /// Workloads with an outside connection on either side; when the sides cover different
    /// addresses, every workload of both sides, since an unlisted range may still differ.
    /// </summary>
    private static IEnumerable<string> Workloads(PolicyDirections direction, Side old, Side current)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (workload, d) in old.Listed.External.Keys.Concat(current.Listed.External.Keys))
        {
            if (d == direction) ids.Add(workload);
        }
        if (!old.Covered.Equals(current.Covered))
        {
            foreach (var peer in old.Engine.Peers.Concat(current.Engine.Peers).OfType<WorkloadPeer>()) ids.Add(peer.Id);
        }
        return ids;
    }

    /// <summary>One side's outside connections of one direction, answerable for any range of the union cut.</summary>
    private sealed class Side(ReachabilityEngine engine, AllowedConnections listed, PolicyDirections direction)
    {
        public ReachabilityEngine Engine => engine;

        public AllowedConnections Listed => listed;

        public IReadOnlyList<IpRange> Atoms { get; } =
            [.. (direction == PolicyDirections.Ingress ? engine.ExternalSources : engine.ExternalDestinations).SelectMany(p => p.Addresses.Ranges)];

        public IpSet Covered => _covered ??= IpSet.FromRanges(Atoms);

        private IpSet? _covered;

        public ConnectionSet Connections(string workload, IpRange atom)
        {
            if (Covered.Contains(atom.Family, atom.Start)) return listed.Lookup(workload, direction, atom);
            if (engine.FindPeer(workload) is not WorkloadPeer peer) return ConnectionSet.Empty;
            var outside = new ExternalPeer(IpSet.Of(atom));
            return direction == PolicyDirections.Ingress ? engine.Connections(outside, peer) : engine.Connections(peer, outside);
        }
    }
}
