using System.Collections.Frozen;
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
        ImmutableArray<string> portNames,
        IReadOnlySet<string> mentionedNamespaceNames,
        ImmutableArray<AddressRange> addressRanges)
    {
        MentionedNamespaceNames = mentionedNamespaceNames;
        AddressRanges = addressRanges;
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

    /// <summary>
    /// Namespace names a formula can compare against: the namespaces of NetworkPolicies and the
    /// kubernetes.io/metadata.name values of selectors. Any other namespace is told apart only
    /// by its labels (see <see cref="InputPodClass"/>).
    /// </summary>
    public IReadOnlySet<string> MentionedNamespaceNames { get; }

    /// <summary>Every CIDR (ipBlock, except, networks) the policies mention: all a formula can ask of an address.</summary>
    public ImmutableArray<AddressRange> AddressRanges { get; }

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
        var ranges = new List<AddressRange>();
        var worlds = clusters.ToList();
        foreach (var cluster in worlds)
        {
            foreach (var policy in cluster.NetworkPolicies) Collect(policy, namespaceValues, podValues, portNames, ranges);
            foreach (var policy in cluster.AdminPolicies)
            {
                Collect(policy, namespaceValues, podValues, portNames, ranges);
            }
        }
        foreach (var selector in extraNamespaceSelectors) Collect(selector, namespaceValues);
        foreach (var selector in extraPodSelectors) Collect(selector, podValues);
        var mentioned = namespaceValues[Namespace.NameLabel].ToFrozenSet(StringComparer.Ordinal);
        foreach (var cluster in worlds)
        {
            foreach (var ns in cluster.Namespaces) namespaceValues[Namespace.NameLabel].Add(ns.Name);
            foreach (var workload in cluster.Workloads) namespaceValues[Namespace.NameLabel].Add(workload.Namespace);
        }

        return new Vocabulary(
            new LabelDomain(Namespace.NameLabel, namespaceValues[Namespace.NameLabel]),
            namespaceValues.Where(p => p.Key != Namespace.NameLabel)
                .ToImmutableSortedDictionary(p => p.Key, p => new LabelDomain(p.Key, p.Value), StringComparer.Ordinal),
            podValues.ToImmutableSortedDictionary(p => p.Key, p => new LabelDomain(p.Key, p.Value), StringComparer.Ordinal),
            [.. portNames],
            mentioned,
            [.. ranges.Distinct()]);
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
        SortedSet<string> portNames,
        List<AddressRange> ranges)
    {
        namespaceValues[Namespace.NameLabel].Add(policy.Namespace);
        Collect(policy.PodSelector, podValues);
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            foreach (var peer in rule.Peers)
            {
                if (peer.PodSelector is { } pods) Collect(pods, podValues);
                if (peer.NamespaceSelector is { } namespaces) Collect(namespaces, namespaceValues);
                if (peer.IpBlock is { } block)
                {
                    foreach (var cidr in new[] { block.Cidr }.Concat(block.Except.IsDefault ? [] : block.Except)) CollectRange(cidr, ranges);
                }
            }
            CollectPortNames(rule.Ports, portNames);
        }
    }

    private static void Collect(
        AdminPolicy policy,
        Dictionary<string, HashSet<string>> namespaceValues,
        Dictionary<string, HashSet<string>> podValues,
        SortedSet<string> portNames,
        List<AddressRange> ranges)
    {
        Collect(policy.Subject, namespaceValues, podValues);
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            foreach (var peer in rule.Peers)
            {
                Collect(peer, namespaceValues, podValues);
                if (peer is NetworksSelector networks)
                {
                    foreach (var cidr in networks.Networks) CollectRange(cidr, ranges);
                }
            }
            CollectPortNames(rule.Ports, portNames);
        }
    }

    private static void CollectRange(CidrText cidr, List<AddressRange> ranges)
    {
        if (AddressRange.TryParseCidr(cidr.Text, out var range)) ranges.Add(range);
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
