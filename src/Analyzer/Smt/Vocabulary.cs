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
        ImmutableArray<AddressRange> addressRanges,
        IReadOnlyDictionary<string, string> representatives)
    {
        _representatives = representatives;
        MentionedNamespaceNames = mentionedNamespaceNames;
        AddressRanges = addressRanges;
        NamespaceNames = namespaceNames;
        NamespaceLabels = namespaceLabels;
        PodLabels = podLabels;
        PortNames = portNames;
    }

    private readonly IReadOnlyDictionary<string, string> _representatives;

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

    /// <param name="mergeNamespaces">
    /// Keep one representative per class of interchangeable namespaces (see
    /// <see cref="Representative"/>) instead of every namespace name.
    /// </param>
    public static Vocabulary Build(
        IEnumerable<Cluster> clusters,
        IEnumerable<LabelSelector> extraNamespaceSelectors,
        IEnumerable<LabelSelector> extraPodSelectors,
        bool mergeNamespaces = false)
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
        var namespaceLabels = namespaceValues.Where(p => p.Key != Namespace.NameLabel)
            .ToImmutableSortedDictionary(p => p.Key, p => new LabelDomain(p.Key, p.Value), StringComparer.Ordinal);
        var declared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cluster in worlds)
        {
            foreach (var ns in cluster.Namespaces) declared.Add(ns.Name);
            foreach (var workload in cluster.Workloads) declared.Add(workload.Namespace);
        }
        var representatives = mergeNamespaces
            ? Representatives(declared, mentioned, worlds, namespaceLabels)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        namespaceValues[Namespace.NameLabel].UnionWith(declared.Where(ns => !representatives.TryGetValue(ns, out var r) || r == ns));

        return new Vocabulary(
            new LabelDomain(Namespace.NameLabel, namespaceValues[Namespace.NameLabel]),
            namespaceLabels,
            podValues.ToImmutableSortedDictionary(p => p.Key, p => new LabelDomain(p.Key, p.Value), StringComparer.Ordinal),
            [.. portNames],
            mentioned,
            [.. ranges.Distinct()],
            representatives);
    }

    /// <summary>
    /// The namespace that stands for <paramref name="name"/> in the encoding: itself, unless the
    /// vocabulary was built with mergeNamespaces and another namespace is interchangeable with it.
    /// </summary>
    public string Representative(string name) => _representatives.GetValueOrDefault(name, name);

    /// <summary>True when <paramref name="name"/> has its own index in <see cref="NamespaceNames"/>.</summary>
    public bool IsRepresentative(string name) => Representative(name) == name;

    /// <summary>
    /// Interchangeable namespaces: those no formula names (neither a policy's own namespace nor a
    /// kubernetes.io/metadata.name value) whose labels, in every world, fall on the same indexes
    /// of the namespace label domains. Each class keeps its first name (ordinal order) as the
    /// representative. Why it is sound: a formula reads a namespace only by comparing its name
    /// with the names the policies mention (never these) and through its labels, each read as a
    /// domain index (a value no policy mentions is the "other" index, whatever it is). Two
    /// namespaces of one class are therefore equal to every formula: any model whose endpoint
    /// sits in one is a model with the endpoint in the other, and the encoding needs the
    /// representative only. Without merging, every scope of a 600-namespace cluster carried
    /// 600 names and, per namespace label, a chain of 600 conditions; with it, a handful of
    /// classes. A witness names the representative, a real namespace with the same labels as
    /// far as the policies can tell.
    /// </summary>
    private static Dictionary<string, string> Representatives(
        IEnumerable<string> names, IReadOnlySet<string> mentioned, IReadOnlyList<Cluster> worlds,
        ImmutableSortedDictionary<string, LabelDomain> namespaceLabels)
    {
        var lookups = worlds.Select(w => w.Namespaces.GroupBy(n => n.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Labels, StringComparer.Ordinal)).ToList();
        var byClass = new Dictionary<string, string>(StringComparer.Ordinal);
        var representatives = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (mentioned.Contains(name)) continue;
            var key = new System.Text.StringBuilder();
            foreach (var lookup in lookups)
            {
                var labels = lookup.GetValueOrDefault(name);
                foreach (var (labelKey, domain) in namespaceLabels)
                {
                    key.Append(labels is null ? "?" : domain.IndexOf(labels.TryGetValue(labelKey, out var value) ? value : null)).Append(',');
                }
                key.Append(';');
            }
            representatives[name] = byClass.TryAdd(key.ToString(), name) ? name : byClass[key.ToString()];
        }
        return representatives;
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
