using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// Cluster-scoped policy tiers, evaluated Admin first, then namespace NetworkPolicies, then
/// Baseline. AdminNetworkPolicy is the Admin tier, BaselineAdminNetworkPolicy the Baseline
/// tier; ClusterNetworkPolicy (v1alpha2) maps onto the same two tiers.
/// </summary>
public enum PolicyTier
{
    Admin,
    Baseline,
}

/// <summary>Allow (CNP: Accept), Deny, and Pass (hand the decision to the next tier; Admin only).</summary>
public enum AdminAction
{
    Allow,
    Deny,
    Pass,
}

/// <summary>Who a cluster policy applies to, or whom a rule names.</summary>
public abstract record AdminSelector(SourceSpan Span);

/// <summary>Every pod in the namespaces the selector matches.</summary>
public sealed record NamespacesSelector(LabelSelector Namespaces, SourceSpan Span) : AdminSelector(Span);

/// <summary>Pods matching Pods in namespaces matching Namespaces.</summary>
public sealed record PodsSelector(LabelSelector Namespaces, LabelSelector Pods, SourceSpan Span) : AdminSelector(Span);

/// <summary>Addresses in any of the CIDRs (egress peers only).</summary>
public sealed record NetworksSelector(ImmutableArray<CidrText> Networks, SourceSpan Span) : AdminSelector(Span);

/// <summary>Nodes matching a label selector (egress peers only). Not modelled by the engine: nodes are not in manifests.</summary>
public sealed record NodesSelector(LabelSelector Nodes, SourceSpan Span) : AdminSelector(Span);

/// <summary>
/// One rule of a cluster policy, in order. Ports empty means every port.
/// Index is the 0-based position in its ingress or egress list; Name is the rule's name field.
/// </summary>
public sealed record AdminRule(
    PolicyDirections Direction,
    int Index,
    string Name,
    AdminAction Action,
    ImmutableArray<AdminSelector> Peers,
    ImmutableArray<PolicyPort> Ports,
    SourceSpan Span);

/// <summary>
/// An AdminNetworkPolicy (Tier Admin, Priority 0..1000, lower first) or a
/// BaselineAdminNetworkPolicy (Tier Baseline; the API accepts only one, named "default").
/// Meta.Ref.Kind keeps the manifest's kind.
/// </summary>
public sealed record AdminPolicy(
    ObjectMeta Meta,
    PolicyTier Tier,
    int Priority,
    AdminSelector Subject,
    ImmutableArray<AdminRule> Ingress,
    ImmutableArray<AdminRule> Egress) : IManifestObject
{
    public string Name => Meta.Name;

    public ImmutableArray<AdminRule> Rules(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? Ingress : Egress;
}
