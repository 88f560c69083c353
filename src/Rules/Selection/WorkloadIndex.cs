using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Selection;

/// <summary>
/// The workloads of the input grouped by namespace and by distinct pod label set, so that a
/// selector is evaluated once per label set rather than once per pod. Selector semantics are
/// the model's (<see cref="LabelSelector.Matches"/>); this type only decides which label sets
/// a selector is asked about, and in which namespaces (README.md "Semantics and profiles": a podSelector-only peer means
/// the policy's own namespace, a namespaceSelector-only peer every pod of matching namespaces).
/// Not thread-safe: it remembers namespace selections, and a lint run asks from one thread.
/// </summary>
public sealed class WorkloadIndex
{
    private readonly Dictionary<string, NamespaceWorkloads> _byNamespace;
    private readonly ImmutableArray<Namespace> _inputNamespaces;
    private readonly Dictionary<string, IReadOnlyList<Namespace>> _namespacesBySelector = new(StringComparer.Ordinal);

    public WorkloadIndex(Cluster cluster)
    {
        _byNamespace = new Dictionary<string, NamespaceWorkloads>(StringComparer.Ordinal);
        foreach (var workload in cluster.Workloads)
        {
            if (!_byNamespace.TryGetValue(workload.Namespace, out var group))
            {
                group = new NamespaceWorkloads();
                _byNamespace.Add(workload.Namespace, group);
            }
            group.Add(workload);
        }
        _inputNamespaces = InputNamespaces(cluster);
    }

    /// <summary>
    /// Namespaces that are in the input: declared, or holding some object. Namespaces the model
    /// created only because a selector names them by kubernetes.io/metadata.name are not.
    /// </summary>
    public ImmutableArray<Namespace> InputNamespaces() => _inputNamespaces;

    public IReadOnlyList<Workload> WorkloadsIn(string @namespace) =>
        _byNamespace.TryGetValue(@namespace, out var group) ? group.Workloads : [];

    public bool HasWorkloads(string @namespace) => _byNamespace.ContainsKey(@namespace);

    /// <summary>Workloads of <paramref name="namespace"/> with at least one pod the selector matches.</summary>
    public IReadOnlyList<Workload> Select(string @namespace, LabelSelector selector) =>
        _byNamespace.TryGetValue(@namespace, out var group) ? group.Select(selector) : [];

    /// <summary>Pods of <paramref name="namespace"/> the selector matches, with their workload.</summary>
    public IEnumerable<(Workload Workload, Pod Pod)> SelectPods(string @namespace, LabelSelector selector)
    {
        foreach (var workload in Select(@namespace, selector))
        {
            foreach (var pod in workload.Pods)
            {
                if (selector.Matches(pod.Labels)) yield return (workload, pod);
            }
        }
    }

    /// <summary>
    /// The input namespaces whose labels the selector matches. Remembered by the selector's
    /// text: policies repeat the same few namespace selectors, and there may be thousands of
    /// namespaces to test each against.
    /// </summary>
    public IReadOnlyList<Namespace> SelectNamespaces(LabelSelector selector)
    {
        var key = selector.ToString();
        if (!_namespacesBySelector.TryGetValue(key, out var selected))
        {
            selected = _inputNamespaces.Where(n => selector.Matches(n.Labels)).ToList();
            _namespacesBySelector.Add(key, selected);
        }
        return selected;
    }

    /// <summary>
    /// The pods a NetworkPolicy peer names by selectors, as seen from a policy in
    /// <paramref name="policyNamespace"/>. An ipBlock peer names no pod here: whether it matches
    /// pod addresses is a profile question answered by the reachability engine.
    /// </summary>
    public IEnumerable<(Workload Workload, Pod Pod)> SelectPeerPods(string policyNamespace, NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is not null) return [];
        var pods = peer.PodSelector ?? LabelSelector.Everything;
        if (peer.NamespaceSelector is null) return SelectPods(policyNamespace, pods);
        return SelectNamespaces(peer.NamespaceSelector).SelectMany(n => SelectPods(n.Name, pods));
    }

    private static ImmutableArray<Namespace> InputNamespaces(Cluster cluster)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in cluster.Objects) used.Add(item.Meta.Namespace);
        return cluster.Namespaces.Where(n => n.Declared || used.Contains(n.Name)).ToImmutableArray();
    }

    private sealed class NamespaceWorkloads
    {
        private readonly Dictionary<Labels, List<Workload>> _byLabels = [];

        public List<Workload> Workloads { get; } = [];

        public void Add(Workload workload)
        {
            Workloads.Add(workload);
            foreach (var labels in workload.Pods.Select(p => p.Labels).Distinct())
            {
                if (!_byLabels.TryGetValue(labels, out var list))
                {
                    list = [];
                    _byLabels.Add(labels, list);
                }
                list.Add(workload);
            }
        }

        public IReadOnlyList<Workload> Select(LabelSelector selector)
        {
            if (selector.SelectsEverything) return Workloads;
            var selected = new List<Workload>();
            var seen = new HashSet<Workload>(ReferenceEqualityComparer.Instance);
            foreach (var (labels, workloads) in _byLabels)
            {
                if (!selector.Matches(labels)) continue;
                foreach (var workload in workloads)
                {
                    if (seen.Add(workload)) selected.Add(workload);
                }
            }
            return selected;
        }
    }
}
