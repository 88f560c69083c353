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

    /// <summary>The class of each pod of every workload (by reference).</summary>
    public IReadOnlyDictionary<Pod, int> OfPod => _ofPod;

    private readonly Dictionary<Pod, int> _ofPod = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// For the classes of workloads whose pods fall into several classes: a text equal for two
    /// such classes exactly when every selector gives them the same verdict (see <see cref="AgreementOf"/>).
    /// </summary>
    private readonly Dictionary<int, string> _agreement = [];

    public int IngressController { get; }

    public int Count => All.Length;

    /// <summary>
    /// With a <paramref name="scope"/>, only the pods of its namespaces get classes (the others'
    /// workloads have none); the keys are the whole input's, so those classes are exactly the
    /// unscoped partition's, in the same order.
    /// </summary>
    public PodClasses(Cluster cluster, IpAtoms podAddressAtoms, EngineScope? scope = null)
    {
        _namespaceLabels = cluster.Namespaces.ToDictionary(n => n.Name, n => n.Labels, StringComparer.Ordinal);
        var relevantKeys = RelevantLabelKeys(cluster);
        var hostNetworkMatters = cluster.AdminPolicies.Any(p => p.ExcludesHostNetworkPods());
        var serviceAccountMatters = CiliumSelectors(cluster).Any(s => s.ServiceAccounts is not null) || CalicoClassTests.ServiceAccountMatters(cluster.Calico);
        var classes = ImmutableArray.CreateBuilder<PodClass>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var ofWorkload = ImmutableArray.CreateBuilder<ImmutableArray<int>>(cluster.Workloads.Length);
        var keyText = new StringBuilder();
        var profiles = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var workload in cluster.Workloads)
        {
            var mine = new SortedSet<int>();
            foreach (var pod in scope?.Includes(workload.Namespace) == false ? [] : workload.Pods)
            {
                var key = ClassKey(keyText, workload.Namespace, pod, relevantKeys, podAddressAtoms, hostNetworkMatters);
                if (serviceAccountMatters) key += "\u0004" + pod.ServiceAccount;
                if (!byKey.TryGetValue(key, out var index))
                {
                    index = classes.Count;
                    byKey.Add(key, index);
                    keys.Add(key);
                    var profile = PortProfile(profiles, pod);
                    classes.Add(new PodClass(index, workload.Namespace, NamespaceLabels(workload.Namespace), pod, false, profile));
                    AddToNamespace(workload.Namespace, index);
                }
                mine.Add(index);
                _ofPod.TryAdd(pod, index);
            }
            ofWorkload.Add([.. mine]);
        }
        var split = ofWorkload.Where(c => c.Length > 1).SelectMany(c => c).Distinct().ToList();
        if (split.Count > 0)
        {
            List<Func<Labels, bool>> selectors = [.. PodSelectors(cluster).Select(s => s.Selects)];
            foreach (var index in split) _agreement[index] = Agreement(selectors, classes[index].Labels, keys[index]);
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

    /// <summary>
    /// Which pods of one owner agree (docs/split-workloads.md). Classes keep every value of a label
    /// key some selector mentions, so pods with <c>app=a</c> and <c>app=b</c> are two classes even
    /// when the only selector asks <c>app</c> Exists; two classes of one owner agree when every pod
    /// selector of a policy and every Service selector matches both or neither, and they hold the
    /// same named ports, address ranges and host-network flag: no question can then tell them
    /// apart, and the owner is reported as one peer. Classes of owners whose pods all fall into
    /// one class agree with themselves only.
    /// </summary>
    public string AgreementOf(int index) => _agreement.TryGetValue(index, out var text) ? text : $"class {index}";

    /// <summary>'1' or '0' per selector, then what besides labels made the class (host network, named ports, address ranges).</summary>
    private static string Agreement(List<Func<Labels, bool>> selectors, Labels labels, string classKey)
    {
        var text = new StringBuilder(selectors.Count + 32);
        foreach (var selects in selectors) text.Append(selects(labels) ? '1' : '0');
        if (classKey.Contains("\u0002host-network\0", StringComparison.Ordinal)) text.Append("\u0002host-network");
        return text.Append(classKey.AsSpan(classKey.IndexOf('\u0001'))).ToString();
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
    private static string ClassKey(StringBuilder text, string ns, Pod pod, HashSet<string> relevantKeys, IpAtoms atoms, bool hostNetworkMatters)
    {
        text.Clear().Append(ns).Append('\0');
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
    private static HashSet<string> RelevantLabelKeys(Cluster cluster) =>
        PodSelectors(cluster).SelectMany(s => s.Keys).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every pod-level selector of the policies and Services: the label keys it reads, and whether it matches a pod's labels.</summary>
    private static IEnumerable<(IEnumerable<string> Keys, Func<Labels, bool> Selects)> PodSelectors(Cluster cluster)
    {
        foreach (var policy in cluster.NetworkPolicies)
        {
            yield return (policy.PodSelector.Keys, policy.PodSelector.Matches);
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                foreach (var peer in rule.Peers)
                {
                    if (peer.PodSelector is { } selector) yield return (selector.Keys, selector.Matches);
                }
            }
        }
        foreach (var policy in cluster.AdminPolicies)
        {
            foreach (var selector in new[] { policy.Subject }.Concat(policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers)))
            {
                if (selector is PodsSelector pods) yield return (pods.Pods.Keys, pods.Pods.Matches);
            }
        }
        foreach (var service in cluster.Services)
        {
            if (service.Selector is { } selector) yield return (selector.Keys, service.Selects);
        }
        foreach (var selector in CalicoClassTests.PodSelectors(cluster.Calico))
        {
            yield return (selector.Keys, labels => selector.Matches(labels));
        }
        foreach (var selector in CiliumSelectors(cluster))
        {
            if (selector.Pods is { } pods) yield return (pods.Keys, pods.Matches);
        }
    }

    /// <summary>Every endpoint selector of the Cilium policies: subjects and fromEndpoints/toEndpoints.</summary>
    private static IEnumerable<CiliumSelector> CiliumSelectors(Cluster cluster) =>
        cluster.CiliumPolicies.SelectMany(p => p.Rules).SelectMany(r =>
            (r.Subject is { } s ? [s] : Enumerable.Empty<CiliumSelector>())
                .Concat(r.Ingress.Concat(r.Egress).Concat(r.IngressDeny).Concat(r.EgressDeny).SelectMany(x => x.Endpoints)));
}
