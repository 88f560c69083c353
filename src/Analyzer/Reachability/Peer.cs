using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// An endpoint of a connection as users see it: a workload, a range of addresses outside the
/// cluster, or the ingress controller. Id is the connlist spelling and identifies the peer.
/// </summary>
public abstract record Peer
{
    public abstract string Id { get; }

    public sealed override string ToString() => Id;
}

/// <summary>A workload: <c>ns/name[Kind]</c>.</summary>
public sealed record WorkloadPeer(Workload Workload) : Peer
{
    public override string Id => Workload.Id;

    public bool Equals(WorkloadPeer? other) => other is not null && other.Id == Id;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);
}

/// <summary>
/// Addresses outside the cluster: one or more disjoint ranges, printed
/// <c>a.b.c.d-e.f.g.h[External]</c> (several ranges joined by <c>,</c>); a range of one address
/// is printed as that address, unless <see cref="SingleAddressAsRange"/> asks for
/// netpol-analyzer's <c>8.8.8.8-8.8.8.8</c>.
/// </summary>
public sealed record ExternalPeer(IpSet Addresses) : Peer
{
    public const string Suffix = "[External]";

    /// <summary>Print a one-address range as <c>a-a</c>, as netpol-analyzer does (its profile sets this).</summary>
    public bool SingleAddressAsRange { get; init; }

    public override string Id => (SingleAddressAsRange ? Addresses.ToString() : Addresses.ToCompactString()) + Suffix;
}

/// <summary>The source of traffic entering through an Ingress or a Route: <c>{ingress-controller}</c>.</summary>
public sealed record IngressControllerPeer : Peer
{
    public const string Name = "{ingress-controller}";

    public static IngressControllerPeer Instance { get; } = new();

    public override string Id => Name;
}
