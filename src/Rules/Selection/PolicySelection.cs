using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Selection;

/// <summary>
/// Which workloads each NetworkPolicy's podSelector matches in the policy's namespace, one
/// selector evaluation per policy and distinct label set. (Isolation, which also depends on
/// policyTypes, comes from the engine: <see cref="LintContext.Isolation"/>.)
/// </summary>
public sealed class PolicySelection
{
    private readonly Dictionary<NetworkPolicy, IReadOnlyList<Workload>> _selected = new(ReferenceEqualityComparer.Instance);

    public PolicySelection(Cluster cluster, WorkloadIndex workloads)
    {
        foreach (var policy in cluster.NetworkPolicies)
        {
            _selected[policy] = workloads.Select(policy.Namespace, policy.PodSelector);
        }
    }

    /// <summary>Workloads with at least one pod the policy's podSelector matches.</summary>
    public IReadOnlyList<Workload> SelectedBy(NetworkPolicy policy) =>
        _selected.TryGetValue(policy, out var selected) ? selected : [];
}
