using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

[Flags]
public enum PolicyDirections
{
    None = 0,
    Ingress = 1,
    Egress = 2,
    Both = Ingress | Egress,
}

/// <summary>
/// A port clause of a policy rule (NetworkPolicy, AdminNetworkPolicy). Port null means every
/// port of Protocol; EndPort makes an inclusive range from a numeric Port.
/// ProtocolOfContainerPort: a named port of a cluster policy (ANP namedPort, CNP
/// destinationNamedPort), which has no protocol of its own and matches the container port of
/// that name with that port's protocol; Protocol is then ignored.
/// </summary>
public sealed record PolicyPort(Protocol Protocol, PortRef? Port, int? EndPort, SourceSpan Span)
{
    public bool ProtocolOfContainerPort { get; init; }

    public override string ToString() => ProtocolOfContainerPort
        ? $"named port {Port} (its own protocol)"
        : Port is null
        ? $"{Protocol} (all ports)"
        : EndPort is { } end ? $"{Protocol} {Port}-{end}" : $"{Protocol} {Port}";
}

/// <summary>A CIDR written in an ipBlock, kept as text with its span; Sets parses it.</summary>
public sealed record CidrText(string Text, SourceSpan Span)
{
    public override string ToString() => Text;
}

public sealed record IpBlock(CidrText Cidr, ImmutableArray<CidrText> Except, SourceSpan Span)
{
    public override string ToString() =>
        Except.IsDefaultOrEmpty ? Cidr.Text : $"{Cidr.Text} except {string.Join(", ", Except)}";
}

/// <summary>
/// One entry of from/to. Exactly one shape is valid (validation says so otherwise):
/// podSelector and/or namespaceSelector, or ipBlock alone.
/// </summary>
public sealed record NetworkPolicyPeer(
    LabelSelector? PodSelector,
    LabelSelector? NamespaceSelector,
    IpBlock? IpBlock,
    SourceSpan Span);

/// <summary>
/// One ingress or egress rule. Empty Peers means every peer (from/to missing or []), empty
/// Ports means every port (ports missing or []). Index is the 0-based position in its list.
/// </summary>
public sealed record NetworkPolicyRule(
    PolicyDirections Direction,
    int Index,
    ImmutableArray<NetworkPolicyPeer> Peers,
    ImmutableArray<PolicyPort> Ports,
    SourceSpan Span)
{
    public bool AllowsAllPeers => Peers.IsDefaultOrEmpty;
    public bool AllowsAllPorts => Ports.IsDefaultOrEmpty;
}

/// <summary>
/// A networking.k8s.io/v1 NetworkPolicy. PolicyTypes is as the API server stores it after
/// defaulting: when the manifest omits policyTypes, Ingress always, Egress only when the
/// policy has egress rules (PolicyTypesDeclared is then false).
/// </summary>
public sealed record NetworkPolicy(
    ObjectMeta Meta,
    LabelSelector PodSelector,
    ImmutableArray<NetworkPolicyRule> Ingress,
    ImmutableArray<NetworkPolicyRule> Egress,
    PolicyDirections PolicyTypes,
    bool PolicyTypesDeclared) : IManifestObject
{
    public string Namespace => Meta.Namespace;
    public string Name => Meta.Name;

    public bool Isolates(PolicyDirections direction) => (PolicyTypes & direction) != 0;

    public ImmutableArray<NetworkPolicyRule> Rules(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? Ingress : Egress;

    /// <summary>The defaulting the API server applies when policyTypes is omitted.</summary>
    public static PolicyDirections InferPolicyTypes(bool hasEgressRules) =>
        hasEgressRules ? PolicyDirections.Both : PolicyDirections.Ingress;
}
