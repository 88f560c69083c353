using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>Isolation asked directly, without evaluating any rule (docs/architecture.md, "Isolation").</summary>
public sealed partial class ReachabilityEngine
{
    private readonly ImmutableArray<ObjectRef>[] _isolatingIngressRefs;
    private readonly ImmutableArray<ObjectRef>[] _isolatingEgressRefs;

    /// <summary>
    /// The policies that isolate <paramref name="workload"/>'s pods in <paramref name="direction"/>,
    /// in the order and with the duplicates removed as <see cref="Explain"/> reports them in
    /// <see cref="DirectionVerdict.IsolatingPolicies"/> towards any peer: isolation is a property of
    /// the pod and of the policies that select it, never of the peer ("a pod is isolated for
    /// ingress if there is any NetworkPolicy that both selects the pod and has "Ingress" in its
    /// policyTypes", kubernetes.io/docs/concepts/services-networking/network-policies). Both read
    /// the same per-class list (<see cref="IsolatingPolicies(PodClass, PolicyDirections)"/>: the
    /// NetworkPolicies and isolating Cilium policies, or with Calico the policies of the tiers whose
    /// default action is Deny), so the semantics stay in one place; this asks no rule about any
    /// address. Empty for a workload without pods. Cost: the classes of the workload, each list
    /// computed once per class and direction.
    /// </summary>
    public ImmutableArray<ObjectRef> IsolatingPoliciesOf(WorkloadPeer workload, PolicyDirections direction)
    {
        var classes = ClassesOf(workload);
        if (classes.Length == 1) return IsolatingRefs(_classes.All[classes[0]], direction);
        var refs = new List<ObjectRef>();
        foreach (var index in classes) refs.AddRange(IsolatingRefs(_classes.All[index], direction));
        return [.. refs.Distinct()];
    }

    /// <summary>
    /// <see cref="IsolatingPolicies(PodClass, PolicyDirections)"/> as the distinct references a
    /// verdict reports, made once per class and direction (every explanation of a pair asks it
    /// twice). An ImmutableArray is one reference, so a racing reader sees it made or not at all.
    /// </summary>
    internal ImmutableArray<ObjectRef> IsolatingRefs(PodClass subject, PolicyDirections direction)
    {
        var cache = direction == PolicyDirections.Ingress ? _isolatingIngressRefs : _isolatingEgressRefs;
        var refs = cache[subject.Index];
        if (refs.IsDefault) cache[subject.Index] = refs = [.. IsolatingPolicies(subject, direction).Select(p => p.Ref).Distinct()];
        return refs;
    }
}
