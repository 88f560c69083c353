using System.Collections.Immutable;
using System.Text;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Partitions every pod of the cluster into <see cref="PodClass"/>es and remembers which classes
/// each workload's pods fall into. One extra class stands for the ingress controller: a pod
/// without labels in the namespace <see cref="IngressControllerNamespace"/>, so that policy
/// rules that admit "every pod in every namespace" admit it too (the reading of the goldens).
/// Cost: O(pods × labels per pod) to build.
/// </summary>
internal sealed class PodClasses
{
    public const string IngressControllerNamespace = "ingress-controller-ns";

    private readonly Dictionary<string, Labels> _namespaceLabels;
    private readonly Dictionary<string, List<int>> _byNamespace = new(StringComparer.Ordinal);

    public ImmutableArray<PodClass> All { get; }

    /// <summary>For each workload (same order as Cluster.Workloads), its distinct classes.</summary>
    public ImmutableArray<ImmutableArray<int>> OfWorkload { get; }

    public int IngressController { get; }

    public int Count => All.Length;

    public PodClasses(Cluster cluster, IpAtoms podAddressAtoms)
    {
        _namespaceLabels = cluster.Namespaces.ToDictionary(n => n.Name, n => n.Labels, StringComparer.Ordinal);
        var relevantKeys = RelevantLabelKeys(cluster);
        var hostNetworkMatters = cluster.AdminPolicies.Any(p => p.ExcludesHostNetworkPods());
        var serviceAccountMatters = CalicoClassTests.ServiceAccountMatters(cluster.Calico);
        var classes = ImmutableArray.CreateBuilder<PodClass>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var ofWorkload = ImmutableArray.CreateBuilder<ImmutableArray<int>>(cluster.Workloads.Length);
        var keyText = new StringBuilder();
        var profiles = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var workload in cluster.Workloads)
        {
            var mine = new SortedSet<int>();
            foreach (var pod in workload.Pods)
            {
                var key = ClassKey(keyText, workload.Namespace, pod, relevantKeys, podAddressAtoms, hostNetworkMatters, serviceAccountMatters);
                if (!byKey.TryGetValue(key, out var index))
                {
                    index = classes.Count;
                    byKey.Add(key, index);
                    var profile = PortProfile(profiles, pod);
                    classes.Add(new PodClass(index, workload.Namespace, NamespaceLabels(workload.Namespace), pod, false, profile));
                    AddToNamespace(workload.Namespace, index);
                }
                mine.Add(index);
            }
            ofWorkload.Add([.. mine]);
        }
        IngressController = classes.Count;
        classes.Add(new PodClass(
            IngressController,
            IngressControllerNamespace,
            NamespaceLabels(IngressControllerNamespace),
            new Pod("ingress-controller", Labels.Empty, [], false, [], SourceSpan.None),
            true,
            PortProfile(profiles, null)));
        AddToNamespace(IngressControllerNamespace, IngressController);
        All = classes.ToImmutable();
        OfWorkload = ofWorkload.MoveToImmutable();
    }

    public Labels NamespaceLabels(string name) =>
        _namespaceLabels.TryGetValue(name, out var labels) ? labels : Labels.Of((Namespace.NameLabel, name));

    /// <summary>Every namespace that has at least one class, with its classes.</summary>
    public IReadOnlyDictionary<string, List<int>> ByNamespace => _byNamespace;

    public IReadOnlyList<int> InNamespace(string name) =>
        _byNamespace.TryGetValue(name, out var list) ? list : [];

    private void AddToNamespace(string name, int index)
    {
        if (!_byNamespace.TryGetValue(name, out var list)) _byNamespace[name] = list = [];
        list.Add(index);
    }

    private static int PortProfile(Dictionary<string, int> profiles, Pod? pod)
    {
        var signature = pod is null ? "" : NamedPorts(pod);
        if (!profiles.TryGetValue(signature, out var id)) profiles[signature] = id = profiles.Count;
        return id;
    }

    private static string NamedPorts(Pod pod) => string.Concat(pod.Ports
        .Where(p => p.Name is not null)
        .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Protocol).ThenBy(p => p.Number)
        .Select(p => $"{p.Name}/{p.Protocol}/{p.Number}\0"));

    /// <summary>Host-network pods are a class of their own only where a ClusterNetworkPolicy can tell them apart.</summary>
    private static string ClassKey(StringBuilder text, string ns, Pod pod, HashSet<string> relevantKeys, IpAtoms atoms, bool hostNetworkMatters, bool serviceAccountMatters)
    {
        text.Clear().Append(ns).Append('\0');
        if (serviceAccountMatters) text.Append("\u0002sa=").Append(pod.ServiceAccount).Append('\0');
        if (hostNetworkMatters && pod.HostNetwork) text.Append("\u0002host-network\0");
        foreach (var (key, value) in pod.Labels)
        {
            if (relevantKeys.Contains(key)) text.Append(key).Append('=').Append(value).Append('\0');
        }
        text.Append('\u0001').Append(NamedPorts(pod)).Append('\u0001');
        foreach (var atom in atoms.AtomsOf(pod.Ips))
        {
            text.Append(atom).Append(',');
        }
        return text.ToString();
    }

    /// <summary>Label keys any pod-level selector looks at; other labels cannot tell pods apart.</summary>
    private static HashSet<string> RelevantLabelKeys(Cluster cluster)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in cluster.NetworkPolicies)
        {
            keys.UnionWith(policy.PodSelector.Keys);
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                foreach (var peer in rule.Peers)
                {
                    if (peer.PodSelector is { } selector) keys.UnionWith(selector.Keys);
                }
            }
        }
        foreach (var policy in cluster.AdminPolicies)
        {
            foreach (var selector in new[] { policy.Subject }.Concat(policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers)))
            {
                if (selector is PodsSelector pods) keys.UnionWith(pods.Pods.Keys);
            }
        }
        foreach (var service in cluster.Services)
        {
            if (service.Selector is { } selector) keys.UnionWith(selector.Keys);
        }
        keys.UnionWith(CalicoClassTests.LabelKeys(cluster.Calico));
        return keys;
    }
}
