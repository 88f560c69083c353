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
/// Isolation is a property of the pod alone, so the engine's verdict towards any outside
/// address tells it; asking the engine keeps the semantics in one place.
/// </summary>
public static class IsolationQuery
{
    public static ImmutableArray<WorkloadIsolation> Run(ReachabilityEngine engine)
    {
        var outside = Outside(engine);
        return [.. engine.Peers.OfType<WorkloadPeer>().Select(w => For(engine, w, outside))];
    }

    public static WorkloadIsolation For(ReachabilityEngine engine, WorkloadPeer workload) =>
        For(engine, workload, Outside(engine));

    /// <summary>
    /// A whole workload's isolation; for one whose pods policies tell apart (docs/split-workloads.md)
    /// a direction counts as isolated only when every part is, with the policies of all parts;
    /// null for a workload without pods.
    /// </summary>
    public static WorkloadIsolation? ForWorkload(ReachabilityEngine engine, Workload workload)
    {
        var parts = engine.PeersOf(workload);
        if (parts.IsEmpty) return null;
        var outside = Outside(engine);
        var each = parts.Select(p => For(engine, p, outside)).ToList();
        if (each.Count == 1) return each[0];
        return new WorkloadIsolation(
            new WorkloadPeer(workload),
            each.All(i => i.IngressIsolated) ? [.. each.SelectMany(i => i.IngressPolicies).Distinct()] : [],
            each.All(i => i.EgressIsolated) ? [.. each.SelectMany(i => i.EgressPolicies).Distinct()] : []);
    }

    private static WorkloadIsolation For(ReachabilityEngine engine, WorkloadPeer workload, Peer outside) => new(
        workload,
        engine.Explain(outside, workload).Ingress.IsolatingPolicies,
        engine.Explain(workload, outside).Egress.IsolatingPolicies);

    private static Peer Outside(ReachabilityEngine engine) =>
        engine.Peers.OfType<ExternalPeer>().FirstOrDefault() ?? (Peer)new ExternalPeer(Sets.IpSet.AllV4);
}
