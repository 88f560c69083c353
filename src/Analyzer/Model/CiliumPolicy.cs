using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// A cilium.io/v2 CiliumNetworkPolicy (namespaced) or CiliumClusterwideNetworkPolicy
/// (Clusterwide): its <c>spec</c> and each entry of <c>specs</c> are separate
/// <see cref="CiliumRule"/>s with their own endpoint selector (docs/cilium.md).
/// </summary>
public sealed record CiliumPolicy(ObjectMeta Meta, bool Clusterwide, ImmutableArray<CiliumRule> Rules) : IManifestObject
{
    public const string Group = "cilium.io";
    public const string NamespacedKind = "CiliumNetworkPolicy";
    public const string ClusterwideKind = "CiliumClusterwideNetworkPolicy";

    public string Namespace => Meta.Namespace;

    /// <summary>The namespace its selectors default to: the policy's own for a CiliumNetworkPolicy, none (every namespace) clusterwide.</summary>
    public string? ScopeNamespace => Clusterwide ? null : Meta.Namespace;
}

/// <summary>
/// One Cilium rule (<c>spec</c>, or <c>specs[i]</c>: <see cref="Path"/> says which): the
/// endpoints it applies to and its four rule lists. DefaultDeny is
/// <c>enableDefaultDeny</c> as written (null: Cilium's default, true for a direction that has
/// rules). NodeSubject: the rule selects nodes (<c>nodeSelector</c>), which are not modelled,
/// so it applies to no pod.
/// </summary>
public sealed record CiliumRule(
    string Path,
    CiliumSelector? Subject,
    bool NodeSubject,
    ImmutableArray<CiliumPeerRule> Ingress,
    ImmutableArray<CiliumPeerRule> Egress,
    ImmutableArray<CiliumPeerRule> IngressDeny,
    ImmutableArray<CiliumPeerRule> EgressDeny,
    bool? DefaultDenyIngress,
    bool? DefaultDenyEgress,
    SourceSpan Span)
{
    public ImmutableArray<CiliumPeerRule> Allows(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? Ingress : Egress;

    public ImmutableArray<CiliumPeerRule> Denies(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? IngressDeny : EgressDeny;

    /// <summary>
    /// Whether selecting an endpoint puts it in default-deny for the direction. Cilium: "If not
    /// specified, the default is true for each traffic direction that has rules, and false
    /// otherwise" (an empty list is no rules: "If omitted or empty, this rule does not apply").
    /// </summary>
    public bool DefaultDeny(PolicyDirections direction)
    {
        var written = direction == PolicyDirections.Ingress ? DefaultDenyIngress : DefaultDenyEgress;
        return written ?? (!Allows(direction).IsDefaultOrEmpty || !Denies(direction).IsDefaultOrEmpty);
    }
}

/// <summary>
/// One entry of ingress, egress, ingressDeny or egressDeny. Its peers are the union of
/// <see cref="Endpoints"/>, <see cref="Entities"/>, <see cref="Cidrs"/> and
/// <see cref="Services"/>; <see cref="AnyPeer"/> is set when the rule names no L3 peer at all
/// but has toPorts ("L4 only": every peer on those ports). A rule with neither names nothing.
/// Ports empty means every port. <see cref="Field"/> is its path, e.g. <c>specs[1].ingressDeny[0]</c>.
/// </summary>
public sealed record CiliumPeerRule(
    PolicyDirections Direction,
    bool Deny,
    int Index,
    string Field,
    ImmutableArray<CiliumSelector> Endpoints,
    ImmutableArray<CiliumEntity> Entities,
    ImmutableArray<IpBlock> Cidrs,
    ImmutableArray<CiliumServiceRef> Services,
    bool AnyPeer,
    ImmutableArray<PolicyPort> Ports,
    SourceSpan Span)
{
    /// <summary>toPorts was written, but only with protocols the model lacks (ICMP, ...): the rule names no connection.</summary>
    public bool NamesNothing { get; init; }
}

/// <summary>
/// A toServices entry: <c>k8sService</c> (Name set) or <c>k8sServiceSelector</c> (Selector
/// set); Namespace null when not written (see docs/cilium.md for the default).
/// </summary>
public sealed record CiliumServiceRef(string? Name, LabelSelector? Selector, string? Namespace, SourceSpan Span);
