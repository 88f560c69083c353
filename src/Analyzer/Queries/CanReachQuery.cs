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
    PairExplanation Explanation);

/// <summary>The pair question; evaluates only the two peers, never the whole matrix.</summary>
public static class CanReachQuery
{
    public static CanReachResult Run(ReachabilityEngine engine, Peer source, Peer destination, Protocol? protocol = null, int? port = null)
    {
        var explanation = engine.Explain(source, destination);
        var allowed = explanation.Allowed;
        return new CanReachResult(source, destination, allowed, IsReachable(allowed, protocol, port), explanation);
    }

    /// <summary>Anything allowed (no protocol, no port); any port of a protocol; or that port (TCP when only a port is given).</summary>
    public static bool IsReachable(ConnectionSet allowed, Protocol? protocol, int? port)
    {
        if (protocol is null && port is null) return !allowed.IsEmpty;
        var asked = protocol ?? Protocol.TCP;
        return port is { } number ? allowed.Contains(asked, number) : !allowed.Ports(asked).IsEmpty;
    }
}
