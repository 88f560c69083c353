using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// The outside addresses one workload exchanges the same connections with in one direction
/// (Egress: the workload sends to them; Ingress: they send to it): the engine's ranges that allow
/// exactly <see cref="Connections"/> (<see cref="ReachabilityEngine.ExternalDestinations"/> or
/// <see cref="ReachabilityEngine.ExternalSources"/>, in the engine's order), and
/// <see cref="Peer"/>, their union as one peer. A reader cannot tell those ranges apart (no rule
/// treats them differently for this workload), so the listings print one line for them
/// (docs/architecture.md, "Outside addresses"); on ipBlock-heavy input that is thousands of
/// ranges fewer per workload, and no object per range.
/// </summary>
public sealed record OutsideConnection(
    WorkloadPeer Workload,
    PolicyDirections Direction,
    ConnectionSet Connections,
    ImmutableArray<ExternalPeer> Ranges,
    ExternalPeer Peer)
{
    /// <summary>The connection a listing prints: between the workload and <see cref="Peer"/>.</summary>
    public PeerConnection Connection { get; } = Direction == PolicyDirections.Ingress
        ? new PeerConnection(Peer, Workload, Connections)
        : new PeerConnection(Workload, Peer, Connections);

    /// <summary>The engine's connections it stands for: one per range, in the order of <see cref="Ranges"/>.</summary>
    public IEnumerable<PeerConnection> Parts => Ranges.Select(range => Direction == PolicyDirections.Ingress
        ? new PeerConnection(range, Workload, Connections)
        : new PeerConnection(Workload, range, Connections));
}
