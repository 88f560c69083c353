using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Connection changes between two engines. Pairs of workloads (and the ingress controller) are
/// matched by peer id; connections with the outside are matched by address, because each side
/// cuts the address space at its own ipBlock boundaries (see <see cref="DiffAddressRanges"/>).
/// Cost: both matrices' pair lists, plus one dictionary probe per pair.
/// </summary>
internal static class DiffConnections
{
    public static ImmutableArray<ConnectionChange> Compare(ReachabilityEngine before, ReachabilityEngine after)
    {
        var old = AllowedConnections.Of(ConnectivityQuery.Run(before));
        var current = AllowedConnections.Of(ConnectivityQuery.Run(after));
        var changes = new List<ConnectionChange>();
        CompareInternal(old, current, changes);
        DiffAddressRanges.Compare(before, after, old, current, changes);
        changes.Sort(static (x, y) =>
        {
            var bySource = string.CompareOrdinal(x.Source.Id, y.Source.Id);
            return bySource != 0 ? bySource : string.CompareOrdinal(x.Destination.Id, y.Destination.Id);
        });
        return [.. changes];
    }

    private static void CompareInternal(AllowedConnections old, AllowedConnections current, List<ConnectionChange> changes)
    {
        foreach (var (key, was) in old.Internal)
        {
            var now = current.Internal.TryGetValue(key, out var c) ? c.Connections : ConnectionSet.Empty;
            if (!was.Connections.Equals(now))
            {
                var (source, destination) = c is null ? (was.Source, was.Destination) : (c.Source, c.Destination);
                changes.Add(new ConnectionChange(source, destination, was.Connections, now));
            }
        }
        foreach (var (key, now) in current.Internal)
        {
            if (!old.Internal.ContainsKey(key)) changes.Add(new ConnectionChange(now.Source, now.Destination, ConnectionSet.Empty, now.Connections));
        }
    }
}

/// <summary>
/// One side's allowed connections split for comparison: between peers inside the cluster
/// (workloads, the ingress controller) by (source id, destination id); with the outside by
/// (workload id, direction) as the list of (address range, connections), ranges ascending.
/// </summary>
internal sealed class AllowedConnections
{
    public Dictionary<(string Source, string Destination), PeerConnection> Internal { get; } = [];

    public Dictionary<(string Workload, PolicyDirections Direction), List<(IpRange Range, ConnectionSet Connections)>> External { get; } = [];

    public static AllowedConnections Of(ConnectivityReport report)
    {
        var result = new AllowedConnections();
        foreach (var connection in report.Inside) result.Internal[(connection.Source.Id, connection.Destination.Id)] = connection;
        foreach (var outside in report.Outside)
        {
            foreach (var range in outside.Ranges) result.AddExternal(outside.Workload.Id, outside.Direction, range, outside.Connections);
        }
        foreach (var ranges in result.External.Values) ranges.Sort(static (x, y) => Compare(x.Range, y.Range));
        return result;
    }

    /// <summary>What the workload may exchange with the address, in the direction; Empty when nothing is listed for it.</summary>
    public ConnectionSet Lookup(string workload, PolicyDirections direction, IpRange atom)
    {
        if (!External.TryGetValue((workload, direction), out var ranges)) return ConnectionSet.Empty;
        int low = 0, high = ranges.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var range = ranges[mid].Range;
            if (range.Contains(atom.Family, atom.Start)) return ranges[mid].Connections;
            if (Compare(range, atom) < 0) low = mid + 1;
            else high = mid - 1;
        }
        return ConnectionSet.Empty;
    }

    private void AddExternal(string workload, PolicyDirections direction, ExternalPeer outside, ConnectionSet connections)
    {
        if (!External.TryGetValue((workload, direction), out var ranges)) External[(workload, direction)] = ranges = [];
        foreach (var range in outside.Addresses.Ranges) ranges.Add((range, connections));
    }

    private static int Compare(IpRange x, IpRange y) =>
        x.Family != y.Family ? x.Family.CompareTo(y.Family) : x.Start.CompareTo(y.Start);
}
