using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Cli.Report;

/// <summary>
/// For people-facing formats: the connections of one workload with outside peers that allow
/// the same connections merged into one peer. The engine cuts the address space at every
/// ipBlock boundary (the connlist grammar needs that), which to a reader is noise.
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
            // one union of every range, not a union per peer (thousands of peers per workload on ipBlock-heavy input)
            var addresses = IpSet.FromRanges(group.SelectMany(c => ((ExternalPeer)(outsideIsSource ? c.Source : c.Destination)).Addresses.Ranges));
            var peer = new ExternalPeer(addresses);
            var first = group.First();
            result.Add(outsideIsSource ? first with { Source = peer } : first with { Destination = peer });
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

    /// <summary>Every connection, with the outside peers of each workload merged as in <see cref="Merge"/>.</summary>
    public static List<PeerConnection> MergeAll(IEnumerable<PeerConnection> connections)
    {
        var list = connections.ToList();
        var result = list.Where(c => c.Source is not ExternalPeer && c.Destination is not ExternalPeer).ToList();
        foreach (var bySource in list.Where(c => c.Destination is ExternalPeer).GroupBy(c => c.Source.Id, StringComparer.Ordinal))
        {
            result.AddRange(Merge(bySource, outsideIsSource: false));
        }
        foreach (var byDestination in list.Where(c => c.Source is ExternalPeer).GroupBy(c => c.Destination.Id, StringComparer.Ordinal))
        {
            result.AddRange(Merge(byDestination, outsideIsSource: true));
        }
        return [.. result.OrderBy(c => c.Source.Id, StringComparer.Ordinal).ThenBy(c => c.Destination.Id, StringComparer.Ordinal)];
    }
}
