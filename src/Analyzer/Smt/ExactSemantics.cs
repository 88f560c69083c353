using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// <see cref="PolicySemantics"/> restated as sets instead of formulas: what a NetworkPolicy
/// selects, what a rule allows and which pods are isolated, as unions of cubes
/// (<see cref="CubeUnion"/>) over the variables of the encoding without input pods. Dimensions:
/// protocol and port; for each end of the connection, pod or outside address, namespace (an
/// index of the names the policies mention, or of a class of declared namespaces they do not;
/// a declared namespace has its labels fixed, any other free labels), free namespace labels, pod labels, and known IPv4 and IPv6 addresses;
/// and per container port name one dimension for the destination: "no port of that name whose
/// number is the connection's port" (0), or "one, of protocol TCP, UDP or SCTP" (1..3).
/// <para>
/// Why the sets are exact: every dimension is one variable of the encoding, or, for a named
/// port, the only thing a formula ever asks of it (PolicySemantics.PortMatches: present, number
/// equal to the connection's port, and its protocol), every value of which some choice of the
/// port's number and protocol gives, whatever the connection's port; nothing relates two named
/// ports. Label values are the vocabulary's indexes (absent, "any other value", each mentioned
/// value), the encoding's own reading of a label. Each formula is a Boolean combination of
/// conditions on one variable each, rewritten here as a union of cubes, and the
/// well-formedness constraints (a port is 1..65535, a namespace has a name, at least one end is
/// a pod, an outside address has exactly one of an IPv4 and an IPv6 address) are the
/// dimensions' bounds and <see cref="Universe"/>. So a union's points in the universe are the
/// models of the formula, and it has none exactly when the formula is unsatisfiable.
/// </para>
/// Only NetworkPolicies: with a cluster-scoped policy (AdminNetworkPolicy, its baseline) the
/// tiers decide too, and the solver answers (<see cref="Models"/>).
/// </summary>
internal sealed class ExactSemantics
{
    private const int Protocol = 0;
    private const int Port = 1;

    private readonly Vocabulary _vocabulary;
    private readonly AnalysisProfile _profile;
    private readonly Endpoint _source;
    private readonly Endpoint _destination;
    private readonly Dictionary<string, int> _namedPorts = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Labels> _declaredNamespaces = [];
    private readonly ImmutableArray<Interval<UInt128>> _undeclaredNamespaces;
    private readonly int _namespaceCount;
    private readonly Cube _full;

    /// <param name="vocabulary">Built from the scope's policies alone: its namespace names are the ones they mention.</param>
    /// <param name="declared">The cluster's declared namespaces.</param>
    public ExactSemantics(Vocabulary vocabulary, DeclaredNamespaces declared, AnalysisProfile profile)
    {
        _vocabulary = vocabulary;
        _profile = profile;
        var domains = new List<Interval<UInt128>> { Range(0, 2), Range(1, 65535) };
        // PolicySemantics.NamespaceLabel: a namespace of the cluster has its labels, the last
        // one declared under a name winning; others are free. A declared namespace no policy
        // names is told apart only by its labels, read as label indexes, so one index stands for
        // each class of them (Vocabulary.Representative); an undeclared one no policy names
        // has free labels, like the "any other name" index.
        _namespaceCount = vocabulary.NamespaceNames.MaxIndex;
        foreach (var name in vocabulary.NamespaceNames.Values)
        {
            if (declared.ByName.TryGetValue(name, out var labels)) _declaredNamespaces[vocabulary.NamespaceNames.IndexOf(name)] = labels;
        }
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        var namespaceLabels = vocabulary.NamespaceLabels.ToArray();
        foreach (var (labels, names) in declared.Groups)
        {
            if (names.All(vocabulary.NamespaceNames.Mentions)) continue;
            var key = string.Join(",", namespaceLabels.Select(l => l.Value.IndexOf(labels.TryGetValue(l.Key, out var v) ? v : null)));
            if (classes.TryAdd(key, _namespaceCount + 1)) _declaredNamespaces[++_namespaceCount] = labels;
        }
        _undeclaredNamespaces = IntervalList.Subtract(
            [Range(1, (ulong)_namespaceCount)],
            IntervalList.Normalize(_declaredNamespaces.Keys.Select(i => Range((ulong)i, (ulong)i))));
        _source = new Endpoint(domains, vocabulary, _namespaceCount);
        _destination = new Endpoint(domains, vocabulary, _namespaceCount);
        foreach (var name in vocabulary.PortNames)
        {
            _namedPorts[name] = domains.Count;
            domains.Add(Range(0, 3));
        }
        _full = Cube.Full(domains);
        // Connections between two outside addresses are never governed: at least one end is a pod.
        var sourcePod = _full.Restrict(_source.IsPod, [One]);
        Universe = CubeUnion.Of([.. Kinds(sourcePod, _destination), .. Kinds(_full, _source).Skip(1).Select(c => c?.Restrict(_destination.IsPod, [One]))]);
    }

    /// <summary>Whether these semantics are the cluster's: NetworkPolicies alone decide.</summary>
    public static bool Models(Cluster cluster) => cluster.AdminPolicies.IsDefaultOrEmpty;

    /// <summary>Every well-formed connection (each end a pod, or an outside IPv4 or IPv6 address; not both outside).</summary>
    public CubeUnion Universe { get; }

    /// <summary>PolicySemantics.Selects: the endpoint of the direction (destination for ingress) is a pod of the policy's namespace that its podSelector matches.</summary>
    public CubeUnion Selects(NetworkPolicy policy, PolicyDirections direction)
    {
        var target = Target(direction);
        return CubeUnion.Of([Selector(InNamespace(_full.Restrict(target.IsPod, [One]), target, policy.Namespace), policy.PodSelector, target.PodLabels, _vocabulary.PodLabels)]);
    }

    /// <summary>The endpoint of the direction is not a pod, or no policy that isolates the direction selects it; null past the limit.</summary>
    public CubeUnion? NotIsolated(IEnumerable<NetworkPolicy> policies, PolicyDirections direction, int limit)
    {
        var target = Target(direction);
        var isolated = CubeUnion.UnionOf(policies.Where(p => p.Isolates(direction)).Select(p => Selects(p, direction)));
        if (CubeUnion.Of([_full.Restrict(target.IsPod, [One])]).Subtract(isolated, limit) is not { } unselected) return null;
        return CubeUnion.Of([_full.Restrict(target.IsPod, [Zero])]).Union(unselected);
    }

    /// <summary>PolicySemantics.RuleAllows: the policy selects the endpoint of the direction and the rule matches the connection.</summary>
    public CubeUnion RuleAllows(NetworkPolicy policy, PolicyDirections direction, int index)
    {
        if (!policy.Isolates(direction)) return CubeUnion.Empty;
        var rule = policy.Rules(direction)[index];
        var peer = direction == PolicyDirections.Ingress ? _source : _destination;
        var allows = Selects(policy, direction);
        if (!rule.AllowsAllPeers) allows = allows.Intersect(CubeUnion.UnionOf(rule.Peers.Select(p => Peer(p, policy.Namespace, peer))));
        if (!rule.AllowsAllPorts) allows = allows.Intersect(CubeUnion.UnionOf(rule.Ports.Select(PortMatches)));
        return allows;
    }

    private Endpoint Target(PolicyDirections direction) => direction == PolicyDirections.Ingress ? _destination : _source;

    /// <summary>PolicySemantics.PeerMatches on the peer endpoint.</summary>
    private CubeUnion Peer(NetworkPolicyPeer peer, string policyNamespace, Endpoint e)
    {
        if (peer.IpBlock is { } block) return IpBlock(block, e);
        if (peer.PodSelector is null && peer.NamespaceSelector is null) return CubeUnion.Empty;
        var pod = _full.Restrict(e.IsPod, [One]);
        if (pod is not null && peer.PodSelector is { } selector) pod = Selector(pod, selector, e.PodLabels, _vocabulary.PodLabels);
        if (pod is null) return CubeUnion.Empty;
        return peer.NamespaceSelector is { } namespaces ? NamespaceSelector(pod, namespaces, e) : CubeUnion.Of([InNamespace(pod, e, policyNamespace)]);
    }

    private Cube? InNamespace(Cube? cube, Endpoint e, string name)
    {
        var index = (ulong)_vocabulary.NamespaceNames.IndexOf(name);
        return cube?.Restrict(e.Namespace, [Range(index, index)]);
    }

    /// <summary>
    /// PolicySemantics.IpBlockMatches: a known address of the block's family in the CIDR and in
    /// none of its excepts; a pod only under the Default profile; the NetpolAnalyzer profile
    /// ignores IPv6 blocks. An unparseable CIDR matches nothing.
    /// </summary>
    private CubeUnion IpBlock(IpBlock block, Endpoint e)
    {
        if (!AddressRange.TryParseCidr(block.Cidr.Text, out var range)) return CubeUnion.Empty;
        if (range.IsV6 && _profile == AnalysisProfile.NetpolAnalyzer) return CubeUnion.Empty;
        var addresses = ImmutableArray.Create(new Interval<UInt128>((UInt128)range.First, (UInt128)range.Last));
        foreach (var hole in block.Except.IsDefault ? [] : block.Except)
        {
            if (AddressRange.TryParseCidr(hole.Text, out var holeRange) && holeRange.IsV6 == range.IsV6)
            {
                addresses = IntervalList.Subtract(addresses, [new Interval<UInt128>((UInt128)holeRange.First, (UInt128)holeRange.Last)]);
            }
        }
        if (addresses.IsEmpty) return CubeUnion.Empty;
        var (known, address) = range.IsV6 ? (e.HasIp6, e.Ip6) : (e.HasIp4, e.Ip4);
        var inBlock = _full.Restrict(known, [One])?.Restrict(address, addresses);
        if (_profile == AnalysisProfile.NetpolAnalyzer) inBlock = inBlock?.Restrict(e.IsPod, [Zero]);
        return CubeUnion.Of([inBlock]);
    }

    /// <summary>
    /// PolicySemantics.NamespaceSelector on the endpoint: a declared namespace is in or out by
    /// its labels; any other has free labels, the selector's requirements on them.
    /// </summary>
    private CubeUnion NamespaceSelector(Cube pod, LabelSelector selector, Endpoint e)
    {
        var matching = _declaredNamespaces.Where(d => Matches(selector, d.Key, d.Value)).Select(d => Range((ulong)d.Key, (ulong)d.Key));
        var declared = pod.Restrict(e.Namespace, IntervalList.Normalize(matching));
        var undeclared = pod.Restrict(e.Namespace, _undeclaredNamespaces);
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            if (undeclared is null) break;
            undeclared = requirement.Key == Namespace.NameLabel
                ? undeclared.Restrict(e.Namespace, NameValues(requirement))
                : undeclared.Restrict(e.NamespaceLabels[requirement.Key], Values(requirement, _vocabulary.NamespaceLabels[requirement.Key]));
        }
        return CubeUnion.Of([declared, undeclared]);
    }

    /// <summary>A declared namespace read as the encoding reads it: its name's index and its labels' indexes.</summary>
    private bool Matches(LabelSelector selector, int namespaceIndex, Labels labels)
    {
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            var matches = requirement.Key == Namespace.NameLabel
                ? IntervalList.Contains(NameValues(requirement), (UInt128)namespaceIndex)
                : IntervalList.Contains(
                    Values(requirement, _vocabulary.NamespaceLabels[requirement.Key]),
                    (UInt128)_vocabulary.NamespaceLabels[requirement.Key].IndexOf(labels.TryGetValue(requirement.Key, out var value) ? value : null));
            if (!matches) return false;
        }
        return true;
    }

    /// <summary>
    /// PolicySemantics.PortMatches: the protocol, then every port, a number or range (out of
    /// range: nothing), or a named port of the destination, which must be a pod.
    /// </summary>
    private CubeUnion PortMatches(PolicyPort port)
    {
        var protocol = ProtocolCode(port.Protocol);
        if (port.Port is not { } reference) return CubeUnion.Of([_full.Restrict(Protocol, [Range(protocol, protocol)])]);
        if (reference.Name is { } name)
        {
            var destination = _full.Restrict(_destination.IsPod, [One]);
            // A named port with the container port's own protocol: the connection's must equal it.
            var protocols = port.ProtocolOfContainerPort ? [0UL, 1, 2] : new[] { protocol };
            return CubeUnion.Of(protocols.Select(q => destination?.Restrict(Protocol, [Range(q, q)])?.Restrict(_namedPorts[name], [Range(q + 1, q + 1)])));
        }
        var first = reference.Number!.Value;
        var last = port.EndPort ?? first;
        if (first < 1 || last > 65535 || last < first) return CubeUnion.Empty;
        return CubeUnion.Of([_full.Restrict(Protocol, [Range(protocol, protocol)])?.Restrict(Port, [Range((ulong)first, (ulong)last)])]);
    }

    /// <summary>matchLabels and matchExpressions: each requirement narrows its key's dimension.</summary>
    private static Cube? Selector(Cube? cube, LabelSelector selector, IReadOnlyDictionary<string, int> dimensions, IReadOnlyDictionary<string, LabelDomain> domains)
    {
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            cube = cube?.Restrict(dimensions[requirement.Key], Values(requirement, domains[requirement.Key]));
        }
        return cube;
    }

    /// <summary>A requirement on kubernetes.io/metadata.name as the namespace indexes it admits (the classes of unnamed namespaces among them).</summary>
    private ImmutableArray<Interval<UInt128>> NameValues(LabelRequirement requirement) =>
        Values(requirement, _vocabulary.NamespaceNames, _namespaceCount);

    /// <summary>PolicySemantics.Requirement as the indexes it admits; NotIn and DoesNotExist admit "absent".</summary>
    private static ImmutableArray<Interval<UInt128>> Values(LabelRequirement requirement, LabelDomain domain, int? maxIndex = null)
    {
        var max = (ulong)(maxIndex ?? domain.MaxIndex);
        var listed = IntervalList.Normalize(requirement.Values.IsDefault ? [] : requirement.Values.Select(v => (ulong)domain.IndexOf(v)).Select(i => Range(i, i)));
        return requirement.Operator switch
        {
            SelectorOperator.In => listed,
            SelectorOperator.NotIn => IntervalList.Subtract([Range(0, max)], listed),
            SelectorOperator.Exists => [Range(1, max)],
            SelectorOperator.DoesNotExist => [Range(0, 0)],
            _ => throw new ArgumentOutOfRangeException(nameof(requirement), requirement.Operator, "unknown selector operator"),
        };
    }

    /// <summary>The three kinds of an end: a pod, an outside IPv4 address, an outside IPv6 address (pods first).</summary>
    private static IEnumerable<Cube?> Kinds(Cube? cube, Endpoint e) =>
    [
        cube?.Restrict(e.IsPod, [One]),
        cube?.Restrict(e.IsPod, [Zero])?.Restrict(e.HasIp4, [One])?.Restrict(e.HasIp6, [Zero]),
        cube?.Restrict(e.IsPod, [Zero])?.Restrict(e.HasIp4, [Zero])?.Restrict(e.HasIp6, [One]),
    ];

    /// <summary>PolicySemantics.ProtocolTerm's codes: TCP 0, UDP 1, SCTP 2.</summary>
    private static ulong ProtocolCode(Model.Protocol protocol) => protocol switch
    {
        Model.Protocol.TCP => 0,
        Model.Protocol.UDP => 1,
        _ => 2,
    };

    private static Interval<UInt128> Range(ulong first, ulong last) => new(first, last);

    private static readonly Interval<UInt128> Zero = Range(0, 0);
    private static readonly Interval<UInt128> One = Range(1, 1);

    /// <summary>The dimensions of one end of the connection (SymbolicEndpoint's variables).</summary>
    private sealed class Endpoint
    {
        public Endpoint(List<Interval<UInt128>> domains, Vocabulary vocabulary, int namespaceCount)
        {
            IsPod = Add(domains, Range(0, 1));
            Namespace = Add(domains, Range(1, (ulong)namespaceCount));
            HasIp4 = Add(domains, Range(0, 1));
            Ip4 = Add(domains, Range(0, uint.MaxValue));
            HasIp6 = Add(domains, Range(0, 1));
            Ip6 = Add(domains, new Interval<UInt128>(UInt128.Zero, UInt128.MaxValue));
            foreach (var (key, domain) in vocabulary.PodLabels) PodLabels[key] = Add(domains, Range(0, (ulong)domain.MaxIndex));
            foreach (var (key, domain) in vocabulary.NamespaceLabels) NamespaceLabels[key] = Add(domains, Range(0, (ulong)domain.MaxIndex));
        }

        public int IsPod { get; }
        public int Namespace { get; }
        public int HasIp4 { get; }
        public int Ip4 { get; }
        public int HasIp6 { get; }
        public int Ip6 { get; }
        public Dictionary<string, int> PodLabels { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> NamespaceLabels { get; } = new(StringComparer.Ordinal);

        private static int Add(List<Interval<UInt128>> domains, Interval<UInt128> domain)
        {
            domains.Add(domain);
            return domains.Count - 1;
        }
    }
}
