using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>
/// Which connections make a hop: any (no protocol, no port), any port of a protocol, or one
/// port (TCP when only the port is given). It narrows every hop between workloads alike.
/// </summary>
public sealed record HopFilter(Protocol? Protocol = null, int? Port = null)
{
    public static HopFilter Any { get; } = new();

    public bool Admits(ConnectionSet connections) => CanReachQuery.IsReachable(connections, Protocol, Port);

    /// <summary>"any port", "TCP (any port)", "TCP 5432".</summary>
    public override string ToString() => (Protocol, Port) switch
    {
        (null, null) => "any port",
        (_, { } port) => $"{Protocol ?? Model.Protocol.TCP} {port}",
        _ => $"{Protocol} (any port)",
    };
}
