using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Selection;

/// <summary>
/// Which workloads each NetworkPolicy selects, and from that each workload's isolation
/// (DESIGN.md: a pod is isolated for a direction when a policy of its namespace selects it and
/// has that direction in its policyTypes). Computed once per lint run, one selector evaluation
/// per policy and distinct label set.
/// </summary>
public sealed class PolicySelection
{
    private readonly Dictionary<NetworkPolicy, IReadOnlyList<Workload>> _selected = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Workload, PolicyDirections> _isolation = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Workload, List<NetworkPolicy>> _selecting = new(ReferenceEqualityComparer.Instance);

    public PolicySelection(Cluster cluster, WorkloadIndex workloads)
    {
        foreach (var policy in cluster.NetworkPolicies)
        {
            var selected = workloads.Select(policy.Namespace, policy.PodSelector);
            _selected[policy] = selected;
            foreach (var workload in selected)
            {
                _isolation[workload] = IsolationOf(workload) | policy.PolicyTypes;
                if (!_selecting.TryGetValue(workload, out var selecting))
                {
                    selecting = [];
                    _selecting.Add(workload, selecting);
                }
                selecting.Add(policy);
            }
        }
    }

    /// <summary>Workloads with at least one pod the policy's podSelector matches.</summary>
    public IReadOnlyList<Workload> SelectedBy(NetworkPolicy policy) =>
        _selected.TryGetValue(policy, out var selected) ? selected : [];

    /// <summary>The NetworkPolicies that select at least one pod of the workload, in input order.</summary>
    public IReadOnlyList<NetworkPolicy> Selecting(Workload workload) =>
        _selecting.TryGetValue(workload, out var selecting) ? selecting : [];

    /// <summary>The directions some policy isolates the workload for; None when no policy selects it.</summary>
    public PolicyDirections IsolationOf(Workload workload) =>
        _isolation.TryGetValue(workload, out var directions) ? directions : PolicyDirections.None;
}
