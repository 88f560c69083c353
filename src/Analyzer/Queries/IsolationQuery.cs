using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Whether NetworkPolicies isolate a workload, per direction, and which policies do. Empty
/// lists mean the workload is not isolated in that direction (everything is allowed there,
/// unless cluster-wide AdminNetworkPolicies say otherwise).
/// </summary>
public sealed record WorkloadIsolation(
    WorkloadPeer Workload,
    ImmutableArray<ObjectRef> IngressPolicies,
    ImmutableArray<ObjectRef> EgressPolicies)
{
    public bool IngressIsolated => !IngressPolicies.IsDefaultOrEmpty;
    public bool EgressIsolated => !EgressPolicies.IsDefaultOrEmpty;

    public bool IsIsolated(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? IngressIsolated : EgressIsolated;
}

/// <summary>
/// Isolation is a property of the pod alone: the engine answers it directly
/// (<see cref="ReachabilityEngine.IsolatingPoliciesOf"/>, the list its verdicts report towards
/// any peer), which keeps the semantics in one place without evaluating a rule per workload.
/// </summary>
public static class IsolationQuery
{
    public static ImmutableArray<WorkloadIsolation> Run(ReachabilityEngine engine) =>
        [.. engine.Peers.OfType<WorkloadPeer>().Select(w => For(engine, w))];

    /// <summary>
    /// A whole workload's isolation; for one whose pods policies tell apart (docs/split-workloads.md)
    /// a direction counts as isolated only when every part is, with the policies of all parts;
    /// null for a workload without pods.
    /// </summary>
    public static WorkloadIsolation? ForWorkload(ReachabilityEngine engine, Workload workload)
    {
        var parts = engine.PeersOf(workload);
        if (parts.IsEmpty) return null;
        var each = parts.Select(p => For(engine, p)).ToList();
        if (each.Count == 1) return each[0];
        return new WorkloadIsolation(
            new WorkloadPeer(workload),
            each.All(i => i.IngressIsolated) ? [.. each.SelectMany(i => i.IngressPolicies).Distinct()] : [],
            each.All(i => i.EgressIsolated) ? [.. each.SelectMany(i => i.EgressPolicies).Distinct()] : []);
    }

    public static WorkloadIsolation For(ReachabilityEngine engine, WorkloadPeer workload) => new(
        workload,
        engine.IsolatingPoliciesOf(workload, PolicyDirections.Ingress),
        engine.IsolatingPoliciesOf(workload, PolicyDirections.Egress));
}
