using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// Everything the policies (and any extra query selectors) can tell apart: pod label keys and
/// values, namespace label keys and values, namespace names, and container port names. Built
/// once from all the clusters being compared, so their encodings share variables. Everything
/// is kept in ordinal order so that the same input always gives the same formula (and the
/// same witnesses), whatever the process's string hashing.
/// </summary>
internal sealed class Vocabulary
{
    private Vocabulary(
        LabelDomain namespaceNames,
        ImmutableSortedDictionary<string, LabelDomain> namespaceLabels,
        ImmutableSortedDictionary<string, LabelDomain> podLabels,
        ImmutableArray<string> portNames)
    {
        NamespaceNames = namespaceNames;
        NamespaceLabels = namespaceLabels;
        PodLabels = podLabels;
        PortNames = portNames;
    }

    /// <summary>Domain of kubernetes.io/metadata.name, which every namespace has.</summary>
    public LabelDomain NamespaceNames { get; }

    /// <summary>Namespace label keys other than kubernetes.io/metadata.name.</summary>
    public ImmutableSortedDictionary<string, LabelDomain> NamespaceLabels { get; }

    public ImmutableSortedDictionary<string, LabelDomain> PodLabels { get; }

    /// <summary>Container port names that policies refer to (named ports).</summary>
    public ImmutableArray<string> PortNames { get; }

    public static Vocabulary Build(
        IEnumerable<Cluster> clusters,
        IEnumerable<LabelSelector> extraNamespaceSelectors,
        IEnumerable<LabelSelector> extraPodSelectors)
    {
        var namespaceValues = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            [Namespace.NameLabel] = new(StringComparer.Ordinal),
        };
        var podValues = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var portNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            foreach (var ns in cluster.Namespaces) namespaceValues[Namespace.NameLabel].Add(ns.Name);
            foreach (var workload in cluster.Workloads) namespaceValues[Namespace.NameLabel].Add(workload.Namespace);
            foreach (var policy in cluster.NetworkPolicies) Collect(policy, namespaceValues, podValues, portNames);
            foreach (var policy in cluster.AdminPolicies)
            {
                Collect(policy, namespaceValues, podValues, portNames);
            }
        }
        foreach (var selector in extraNamespaceSelectors) Collect(selector, namespaceValues);
        foreach (var selector in extraPodSelectors) Collect(selector, podValues);

        return new Vocabulary(
            new LabelDomain(Namespace.NameLabel, namespaceValues[Namespace.NameLabel]),
            namespaceValues.Where(p => p.Key != Namespace.NameLabel)
                .ToImmutableSortedDictionary(p => p.Key, p => new LabelDomain(p.Key, p.Value), StringComparer.Ordinal),
            podValues.ToImmutableSortedDictionary(p => p.Key, p => new LabelDomain(p.Key, p.Value), StringComparer.Ordinal),
            [.. portNames]);
    }

    /// <summary>True when every key and value of the selector has its own place in the domains.</summary>
    public bool Covers(LabelSelector selector, bool isNamespaceSelector)
    {
        foreach (var requirement in selector.Requirements)
        {
            var domain = isNamespaceSelector ? NamespaceDomain(requirement.Key) : PodLabels.GetValueOrDefault(requirement.Key);
            if (domain is null) return false;
            foreach (var value in requirement.Values)
            {
                if (!domain.Mentions(value)) return false;
            }
        }
        return true;
    }

    public LabelDomain? NamespaceDomain(string key) =>
        key == Namespace.NameLabel ? NamespaceNames : NamespaceLabels.GetValueOrDefault(key);

    private static void Collect(
        NetworkPolicy policy,
        Dictionary<string, HashSet<string>> namespaceValues,
        Dictionary<string, HashSet<string>> podValues,
        SortedSet<string> portNames)
    {
        namespaceValues[Namespace.NameLabel].Add(policy.Namespace);
        Collect(policy.PodSelector, podValues);
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            foreach (var peer in rule.Peers)
            {
                if (peer.PodSelector is { } pods) Collect(pods, podValues);
                if (peer.NamespaceSelector is { } namespaces) Collect(namespaces, namespaceValues);
            }
            CollectPortNames(rule.Ports, portNames);
        }
    }

    private static void Collect(
        AdminPolicy policy,
        Dictionary<string, HashSet<string>> namespaceValues,
        Dictionary<string, HashSet<string>> podValues,
        SortedSet<string> portNames)
    {
        Collect(policy.Subject, namespaceValues, podValues);
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            foreach (var peer in rule.Peers) Collect(peer, namespaceValues, podValues);
            CollectPortNames(rule.Ports, portNames);
        }
    }

    private static void CollectPortNames(IEnumerable<PolicyPort> ports, SortedSet<string> portNames)
    {
        foreach (var port in ports)
        {
            if (port.Port is { Name: { } name }) portNames.Add(name);
        }
    }

    private static void Collect(AdminSelector selector, Dictionary<string, HashSet<string>> namespaceValues, Dictionary<string, HashSet<string>> podValues)
    {
        switch (selector)
        {
            case NamespacesSelector ns:
                Collect(ns.Namespaces, namespaceValues);
                break;
            case PodsSelector pods:
                Collect(pods.Namespaces, namespaceValues);
                Collect(pods.Pods, podValues);
                break;
        }
    }

    private static void Collect(LabelSelector selector, Dictionary<string, HashSet<string>> values)
    {
        foreach (var requirement in selector.Requirements)
        {
            if (!values.TryGetValue(requirement.Key, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                values[requirement.Key] = set;
            }
            foreach (var value in requirement.Values) set.Add(value);
        }
    }
}
