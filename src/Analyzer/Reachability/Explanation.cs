using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>The policy layers in evaluation order.</summary>
public enum PolicyLayer
{
    /// <summary>AdminNetworkPolicy: by ascending priority, first matching Allow/Deny/Pass decides.</summary>
    Admin,

    /// <summary>Namespace NetworkPolicies: isolation plus the union of their rules.</summary>
    NetworkPolicy,

    /// <summary>The BaselineAdminNetworkPolicy: decides what no NetworkPolicy isolates.</summary>
    Baseline,

    /// <summary>Calico NetworkPolicy and GlobalNetworkPolicy, in their tiers (docs/calico.md).</summary>
    Calico,
}

/// <summary>
/// One rule of one policy: the policy, its layer, the direction, the 0-based index in that
/// direction's rule list, the rule's name (cluster policies only) and where it is written.
/// </summary>
public sealed record RuleRef(
    ObjectRef Policy,
    PolicyLayer Layer,
    PolicyDirections Direction,
    int Index,
    string? Name,
    SourceSpan Span)
{
    /// <summary>The Calico tier of the policy (Calico policies only).</summary>
    public string? Tier { get; init; }
    /// <summary>The rule's field path when it is not <c>spec.ingress[i]</c>/<c>spec.egress[i]</c> (Cilium: <c>specs[1].ingressDeny[0]</c>).</summary>
    public string? Field { get; init; }

    public override string ToString() =>
        $"{Policy} {Direction.ToString().ToLowerInvariant()}[{Index}]{(Name is null ? "" : $" ({Name})")}";
}

/// <summary>
/// A rule that matches the pair: Matched is the part of the connection space the rule speaks
/// about for this pair (ports resolved on the destination), Decided the part it actually
/// decided (for cluster policies, earlier rules may already have decided some of Matched;
/// for NetworkPolicy rules Decided equals Matched, since they only add allowances).
/// </summary>
public sealed record RuleContribution(RuleRef Rule, AdminAction Action, ConnectionSet Matched, ConnectionSet Decided);

/// <summary>
/// The verdict of one direction (Egress: at the source, Ingress: at the destination).
/// Governed is false when the subject side is not a pod of the cluster (external addresses,
/// the ingress controller): then everything is allowed on that side.
/// Isolated tells whether some NetworkPolicy selects the pod for this direction, and which.
/// Rules lists every matching rule in evaluation order; Allowed is the outcome.
/// </summary>
public sealed record DirectionVerdict(
    PolicyDirections Direction,
    bool Governed,
    bool Isolated,
    ImmutableArray<ObjectRef> IsolatingPolicies,
    ImmutableArray<RuleContribution> Rules,
    ConnectionSet Allowed)
{
    public static DirectionVerdict Ungoverned(PolicyDirections direction) =>
        new(direction, false, false, [], [], ConnectionSet.All);

    /// <summary>No rule matched and the pod is isolated: the connection is denied by isolation.</summary>
    public bool DeniedByIsolation => Isolated && Allowed.IsEmpty && Rules.IsEmpty;
}

/// <summary>
/// Why a source can or cannot reach a destination: both directions, the final verdict
/// (Egress.Allowed ∩ Ingress.Allowed, further limited to the exposed ports for the ingress
/// controller) and notes on modelling choices that affect this pair.
/// When a workload has pods in several equivalence classes, the verdicts are the unions over
/// its pods and Rules lists the rules of every pod pair.
/// </summary>
public sealed record PairExplanation(
    Peer Source,
    Peer Destination,
    DirectionVerdict Egress,
    DirectionVerdict Ingress,
    ConnectionSet Allowed,
    ImmutableArray<EngineNote> Notes);

/// <summary>
/// A modelling choice or limitation the output should show: Code is stable
/// (<c>host-network</c>, <c>ipv6-ignored</c>, <c>pod-ip-ignored</c>, <c>nodes-peer</c>,
/// <c>self</c>, <c>ingress-exposure</c>), Message is for people, Object the object concerned (if any).
/// </summary>
public sealed record EngineNote(string Code, string Message, ObjectRef? Object = null);
