using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report;

/// <summary>
/// One connection as a listing prints it, and the engine's connections it stands for: null when
/// it is the engine's own, else the connections of the outside ranges merged into it.
/// </summary>
public readonly record struct ListedConnection(PeerConnection Connection, IReadOnlyList<PeerConnection>? MergedFrom)
{
    /// <summary>The engine's connections this one stands for (itself alone when nothing was merged).</summary>
    public IReadOnlyList<PeerConnection> Parts => MergedFrom ?? [Connection];
}

/// <summary>
/// For the listings: the connections of one workload with outside ranges that allow the same
/// connections as one peer (<see cref="ConnectivityReport.Merged"/>). The engine cuts the address
/// space at every ipBlock boundary its rules tell apart, which to a reader (and to a program
/// reading JSON) is noise: a workload that no policy isolates is one line for every outside address.
/// </summary>
public static class OutsideRanges
{
    /// <summary>
    /// The connections a listing prints: under the default profile with the outside ranges of each
    /// workload merged, so a workload open to every address is one line however finely other
    /// workloads' rules cut the addresses; under netpol-analyzer as the engine lists them,
    /// byte-compatible with that tool.
    /// </summary>
    public static IReadOnlyList<PeerConnection> Listed(ReachabilityReport report) =>
        report.Profile == AnalysisProfile.Default ? report.Connectivity.Merged : report.Connectivity.Connections;

    /// <summary><see cref="Listed"/>, each with the engine's connections it stands for.</summary>
    public static IReadOnlyList<ListedConnection> ListedWithParts(ReachabilityReport report)
    {
        var connectivity = report.Connectivity;
        if (report.Profile != AnalysisProfile.Default) return [.. connectivity.Connections.Select(c => new ListedConnection(c, null))];
        var merged = new Dictionary<PeerConnection, IReadOnlyList<PeerConnection>>(ReferenceEqualityComparer.Instance);
        foreach (var o in connectivity.Outside.Where(o => o.Ranges.Length > 1)) merged[o.Connection] = [.. o.Parts];
        return [.. connectivity.Merged.Select(c => new ListedConnection(c, merged.GetValueOrDefault(c)))];
    }
}
