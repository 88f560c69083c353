using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// The answer to "can SRC reach DST": the allowed connections, whether the asked connection
/// (a protocol and optionally a port; none = anything at all) is among them, and why.
/// </summary>
public sealed record CanReachResult(
    Peer Source,
    Peer Destination,
    ConnectionSet Allowed,
    bool Reachable,
    PairExplanation Explanation)
{
    /// <summary>
    /// When either end is a workload whose pods policies tell apart (a split owner,
    /// docs/split-workloads.md): the answer for every pair of its parts, ordinal by source then
    /// destination; empty otherwise. Allowed and Reachable are then those of some pod pair.
    /// </summary>
    public ImmutableArray<CanReachResult> Parts { get; init; } = [];

    /// <summary>How many part pairs are reachable: all, some or none (All when there are no parts and the pair is reachable).</summary>
    public BackendCoverage Coverage => Parts.IsEmpty
        ? (Reachable ? BackendCoverage.All : BackendCoverage.None)
        : Parts.All(p => p.Reachable) ? BackendCoverage.All
        : Parts.Any(p => p.Reachable) ? BackendCoverage.Some : BackendCoverage.None;
}

/// <summary>The pair question; evaluates only the two peers, never the whole matrix.</summary>
public static class CanReachQuery
{
    public static CanReachResult Run(ReachabilityEngine engine, Peer source, Peer destination, Protocol? protocol = null, int? port = null)
    {
        var sources = PartsOf(engine, source);
        var destinations = PartsOf(engine, destination);
        if (sources.Length == 1 && destinations.Length == 1) return Single(engine, source, destination, protocol, port);
        ImmutableArray<CanReachResult> parts = [.. sources.SelectMany(s => destinations.Select(d => Single(engine, s, d, protocol, port)))];
        var allowed = parts.Aggregate(ConnectionSet.Empty, (set, p) => set.Union(p.Allowed));
        var explanation = engine.Explain(source, destination) with { Allowed = allowed };
        return new CanReachResult(source, destination, allowed, IsReachable(allowed, protocol, port), explanation) { Parts = parts };
    }

    /// <summary>Anything allowed (no protocol, no port); any port of a protocol; or that port (TCP when only a port is given).</summary>
    public static bool IsReachable(ConnectionSet allowed, Protocol? protocol, int? port)
    {
        if (protocol is null && port is null) return !allowed.IsEmpty;
        var asked = protocol ?? Protocol.TCP;
        return port is { } number ? allowed.Contains(asked, number) : !allowed.Ports(asked).IsEmpty;
    }

    private static CanReachResult Single(ReachabilityEngine engine, Peer source, Peer destination, Protocol? protocol, int? port)
    {
        var explanation = engine.Explain(source, destination);
        var allowed = explanation.Allowed;
        return new CanReachResult(source, destination, allowed, IsReachable(allowed, protocol, port), explanation);
    }

    /// <summary>A split owner asked as a whole stands for its parts; any other peer for itself.</summary>
    private static ImmutableArray<Peer> PartsOf(ReachabilityEngine engine, Peer peer) =>
        peer is WorkloadPeer { IsPart: false } whole && engine.IsSplit(whole.Workload) ? [.. engine.PeersOf(whole.Workload)] : [peer];
}
