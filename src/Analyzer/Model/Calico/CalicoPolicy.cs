using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>What a Calico rule does when it matches (docs/calico.md, "Actions").</summary>
public enum CalicoAction
{
    Allow,
    Deny,
    Pass,

    /// <summary>Logs and goes on with the next rule: no effect on the verdict.</summary>
    Log,
}

/// <summary>
/// The protocol match of a rule: a protocol the connection model holds (TCP, UDP, SCTP), or one
/// it does not (ICMP, ICMPv6, UDPLite, a number other than 6, 17 and 132), kept as written.
/// </summary>
public sealed record CalicoProtocol(Protocol? Modelled, string Text)
{
    public bool IsModelled => Modelled is not null;
}

/// <summary>A port of a Calico rule: a number, a range "start:end", or a named port.</summary>
public sealed record CalicoPort(int? First, int? Last, string? Name, SourceSpan Span)
{
    public override string ToString() => Name ?? (First == Last ? $"{First}" : $"{First}:{Last}");
}

/// <summary>
/// The source or destination of a rule (Calico's EntityRule): every field set must match.
/// Null fields are absent; ServiceAccountNames empty means no name test.
/// </summary>
public sealed record CalicoEntity(
    CalicoSelector? Selector,
    CalicoSelector? NotSelector,
    CalicoSelector? NamespaceSelector,
    ImmutableArray<string> ServiceAccountNames,
    CalicoSelector? ServiceAccountSelector,
    ImmutableArray<CidrText> Nets,
    ImmutableArray<CidrText> NotNets,
    ImmutableArray<CalicoPort> Ports,
    ImmutableArray<CalicoPort> NotPorts)
{
    public static CalicoEntity Any { get; } = new(null, null, null, [], null, [], [], [], []);

    public bool HasServiceAccountMatch => !ServiceAccountNames.IsEmpty || ServiceAccountSelector is not null;

    /// <summary>Whether the entity names endpoints by label (so outside addresses never match it).</summary>
    public bool NamesEndpoints => Selector is not null || NamespaceSelector is not null || HasServiceAccountMatch;

    /// <summary>Whether nothing restricts the peer (ports aside).</summary>
    public bool IsAnyPeer => !NamesEndpoints && NotSelector is null && Nets.IsEmpty && NotNets.IsEmpty;

    public IEnumerable<CalicoSelector> Selectors =>
        new[] { Selector, NotSelector, NamespaceSelector, ServiceAccountSelector }.OfType<CalicoSelector>();
}

/// <summary>One rule of a Calico policy; Index is its 0-based position in its direction's list.</summary>
public sealed record CalicoRule(
    PolicyDirections Direction,
    int Index,
    CalicoAction Action,
    CalicoProtocol? Protocol,
    CalicoProtocol? NotProtocol,
    CalicoEntity Source,
    CalicoEntity Destination,
    SourceSpan Span)
{
    /// <summary>The entity on the other side: the source of an ingress rule, the destination of an egress rule.</summary>
    public CalicoEntity Peer => Direction == PolicyDirections.Ingress ? Source : Destination;
}

/// <summary>
/// A Calico NetworkPolicy (namespaced: Global false) or GlobalNetworkPolicy, of
/// projectcalico.org/v3 or crd.projectcalico.org/v1. Order null means after every ordered
/// policy of its tier; Types is spec.types, or its default from the rules present.
/// Selector, NamespaceSelector (global only) and ServiceAccountSelector choose the endpoints it applies to.
/// </summary>
public sealed record CalicoPolicy(
    ObjectMeta Meta,
    bool Global,
    string Tier,
    double? Order,
    CalicoSelector Selector,
    CalicoSelector? NamespaceSelector,
    CalicoSelector? ServiceAccountSelector,
    PolicyDirections Types,
    ImmutableArray<CalicoRule> Ingress,
    ImmutableArray<CalicoRule> Egress) : IManifestObject
{
    public string Name => Meta.Name;

    public string Namespace => Meta.Namespace;

    public ImmutableArray<CalicoRule> Rules(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? Ingress : Egress;
}

/// <summary>A tier's action for what its policies leave undecided: Deny (the default) or Pass.</summary>
public enum TierDefaultAction
{
    Deny,
    Pass,
}

/// <summary>A Calico Tier: its order (null: after every ordered tier) and default action.</summary>
public sealed record CalicoTier(ObjectMeta Meta, double? Order, TierDefaultAction DefaultAction) : IManifestObject
{
    public string Name => Meta.Name;
}

/// <summary>A ServiceAccount: Calico's serviceAccountSelector matches its labels.</summary>
public sealed record ServiceAccount(ObjectMeta Meta) : IManifestObject;

/// <summary>
/// The Calico objects of the input and the ServiceAccounts they may select. Empty when the
/// input has no Calico policy: the engine then evaluates exactly as without Calico.
/// </summary>
public sealed record CalicoObjects(
    ImmutableArray<CalicoPolicy> Policies,
    ImmutableArray<CalicoTier> Tiers,
    ImmutableArray<ServiceAccount> ServiceAccounts)
{
    public static CalicoObjects None { get; } = new([], [], []);

    /// <summary>Whether Calico decides: some Calico policy is in the input.</summary>
    public bool Present => !Policies.IsEmpty;

    public IEnumerable<IManifestObject> Objects =>
        Policies.Cast<IManifestObject>().Concat(Tiers).Concat(ServiceAccounts);
}
