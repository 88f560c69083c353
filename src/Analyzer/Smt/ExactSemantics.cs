using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// <see cref="PolicySemantics"/> restated as sets instead of formulas, for the questions about
/// one namespace's NetworkPolicies and one direction at a time: what a policy selects and what
/// a rule allows, as unions of cubes (<see cref="CubeUnion"/>) over the variables of the
/// encoding that those questions read. The subject (the pod the namespace's policies select:
/// the destination for ingress, the source for egress) is a pod of the namespace, so its only
/// dimensions are its pod labels. The peer (the other end) has the encoding's variables: pod or
/// outside address, namespace (an index of the namespace names, declared namespaces with their
/// labels fixed, the others with free labels), free namespace labels, pod labels, and known
/// IPv4 and IPv6 addresses. Then protocol and port, and per container port name one dimension
/// for the destination: "no port of that name whose number is the connection's port" (0), or
/// "one, of protocol TCP, UDP or SCTP" (1..3).
/// <para>
/// Why the cubes are exact: every dimension is one variable of the encoding, or, for a named
/// port, the only thing a formula ever asks of it (PolicySemantics.PortMatches: present, number
/// equal to the connection's port, and its protocol), every value of which some choice of the
/// port's number and protocol gives, whatever the connection's port; nothing relates two named
/// ports. Label values are the vocabulary's indexes (absent, "any other value", each mentioned
/// value), the encoding's own reading of a label. Each formula is a Boolean combination of
/// conditions on one variable each, and is rewritten here as a union of cubes; the
/// well-formedness constraints (an outside address has exactly one of an IPv4 and an IPv6
/// address, a port is 1..65535) bound the dimensions and <see cref="Universe"/>. So a union
/// here is empty exactly when the formula is unsatisfiable in the encoding without input pods.
/// </para>
/// Only NetworkPolicies: with a cluster-scoped policy (AdminNetworkPolicy, its baseline) the
/// tiers decide too, and the solver answers (<see cref="Models"/>).
/// </summary>
internal sealed class ExactSemantics
{
    private const int Protocol = 0;
    private const int Port = 1;
    private const int PeerIsPod = 2;
    private const int PeerNamespace = 3;
    private const int PeerHasIp4 = 4;
    private const int PeerIp4 = 5;
    private const int PeerHasIp6 = 6;
    private const int PeerIp6 = 7;

    private readonly Vocabulary _vocabulary;
    private readonly AnalysisProfile _profile;
    private readonly PolicyDirections _direction;
    private readonly Dictionary<string, int> _subjectLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _peerLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _peerNamespaceLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _namedPorts = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Labels> _declaredNamespaces = [];
    private readonly ImmutableArray<Interval<UInt128>> _undeclaredNamespaces;
    private readonly Cube _full;

    /// <param name="direction">Ingress: the subject is the destination; egress: the source.</param>
    public ExactSemantics(Vocabulary vocabulary, Cluster scope, AnalysisProfile profile, PolicyDirections direction)
    {
        _vocabulary = vocabulary;
        _profile = profile;
        _direction = direction;
        var domains = new List<Interval<UInt128>>
        {
            Range(0, 2), Range(1, 65535), Range(0, 1), Range(1, (ulong)vocabulary.NamespaceNames.MaxIndex),
            Range(0, 1), Range(0, uint.MaxValue), Range(0, 1), new(UInt128.Zero, UInt128.MaxValue),
        };
        foreach (var (key, domain) in vocabulary.PodLabels)
        {
            _subjectLabels[key] = Add(domains, domain);
            _peerLabels[key] = Add(domains, domain);
        }
        foreach (var (key, domain) in vocabulary.NamespaceLabels) _peerNamespaceLabels[key] = Add(domains, domain);
        foreach (var name in vocabulary.PortNames)
        {
            _namedPorts[name] = domains.Count;
            domains.Add(Range(0, 3));
        }
        _full = Cube.Full(domains);
        // PolicySemantics.NamespaceLabel: a namespace of the cluster (its representative, when
        // merged) has its labels, the last one declared under a name winning; others are free.
        foreach (var ns in scope.Namespaces)
        {
            if (vocabulary.IsRepresentative(ns.Name)) _declaredNamespaces[vocabulary.NamespaceNames.IndexOf(ns.Name)] = ns.Labels;
        }
        _undeclaredNamespaces = IntervalList.Subtract(
            [Range(1, (ulong)vocabulary.NamespaceNames.MaxIndex)],
            IntervalList.Normalize(_declaredNamespaces.Keys.Select(i => Range((ulong)i, (ulong)i))));
        Universe = CubeUnion.Of(
        [
            _full.Restrict(PeerIsPod, [One]),
            _full.Restrict(PeerIsPod, [Zero])?.Restrict(PeerHasIp4, [One])?.Restrict(PeerHasIp6, [Zero]),
            _full.Restrict(PeerIsPod, [Zero])?.Restrict(PeerHasIp4, [Zero])?.Restrict(PeerHasIp6, [One]),
        ]);
    }

    /// <summary>Whether these semantics are the cluster's: NetworkPolicies alone decide.</summary>
    public static bool Models(Cluster cluster) => cluster.AdminPolicies.IsDefaultOrEmpty;

    /// <summary>Every well-formed connection: the peer is a pod, or an outside IPv4 or IPv6 address.</summary>
    public CubeUnion Universe { get; }

    /// <summary>Connections whose peer is an outside address or a pod of a namespace outside <paramref name="namespaces"/> (namespace names).</summary>
    public CubeUnion PeerOutside(IEnumerable<string> namespaces)
    {
        var named = IntervalList.Normalize(namespaces.Select(n => (ulong)_vocabulary.NamespaceNames.IndexOf(_vocabulary.Representative(n))).Select(i => Range(i, i)));
        var others = IntervalList.Subtract([Range(1, (ulong)_vocabulary.NamespaceNames.MaxIndex)], named);
        return Universe.Intersect(CubeUnion.Of([_full.Restrict(PeerIsPod, [Zero]), _full.Restrict(PeerIsPod, [One])?.Restrict(PeerNamespace, others)]));
    }

    /// <summary>The policy's podSelector on the subject (PolicySemantics.Selects; the namespace is the subject's).</summary>
    public CubeUnion Selects(NetworkPolicy policy) =>
        Universe.Intersect(CubeUnion.Of([Selector(_full, policy.PodSelector, _subjectLabels, _vocabulary.PodLabels)]));

    /// <summary>PolicySemantics.RuleAllows: the policy selects the subject and the rule matches the connection.</summary>
    public CubeUnion RuleAllows(NetworkPolicy policy, int index)
    {
        if (!policy.Isolates(_direction)) return CubeUnion.Empty;
        var rule = policy.Rules(_direction)[index];
        var allows = Selects(policy);
        if (!rule.AllowsAllPeers) allows = allows.Intersect(CubeUnion.UnionOf(rule.Peers.Select(p => Peer(p, policy.Namespace))));
        if (!rule.AllowsAllPorts) allows = allows.Intersect(CubeUnion.UnionOf(rule.Ports.Select(PortMatches)));
        return allows;
    }

    /// <summary>PolicySemantics.PeerMatches on the peer.</summary>
    private CubeUnion Peer(NetworkPolicyPeer peer, string policyNamespace)
    {
        if (peer.IpBlock is { } block) return IpBlock(block);
        if (peer.PodSelector is null && peer.NamespaceSelector is null) return CubeUnion.Empty;
        var pod = _full.Restrict(PeerIsPod, [One]);
        if (pod is not null && peer.PodSelector is { } selector) pod = Selector(pod, selector, _peerLabels, _vocabulary.PodLabels);
        if (pod is null) return CubeUnion.Empty;
        if (peer.NamespaceSelector is { } namespaces) return NamespaceSelector(pod, namespaces);
        var own = (ulong)_vocabulary.NamespaceNames.IndexOf(_vocabulary.Representative(policyNamespace));
        return CubeUnion.Of([pod.Restrict(PeerNamespace, [Range(own, own)])]);
    }

    /// <summary>
    /// PolicySemantics.IpBlockMatches: a known address of the block's family in the CIDR and in
    /// none of its excepts; a pod only under the Default profile; the NetpolAnalyzer profile
    /// ignores IPv6 blocks. An unparseable CIDR matches nothing.
    /// </summary>
    private CubeUnion IpBlock(IpBlock block)
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
        var (known, address) = range.IsV6 ? (PeerHasIp6, PeerIp6) : (PeerHasIp4, PeerIp4);
        var inBlock = _full.Restrict(known, [One])?.Restrict(address, addresses);
        if (_profile == AnalysisProfile.NetpolAnalyzer) inBlock = inBlock?.Restrict(PeerIsPod, [Zero]);
        return CubeUnion.Of([inBlock]);
    }

    /// <summary>
    /// PolicySemantics.NamespaceSelector on the peer: a declared namespace is in or out by its
    /// labels; any other has free labels, the selector's requirements on them.
    /// </summary>
    private CubeUnion NamespaceSelector(Cube pod, LabelSelector selector)
    {
        var matching = _declaredNamespaces.Where(d => Matches(selector, d.Key, d.Value)).Select(d => Range((ulong)d.Key, (ulong)d.Key));
        var declared = pod.Restrict(PeerNamespace, IntervalList.Normalize(matching));
        var undeclared = pod.Restrict(PeerNamespace, _undeclaredNamespaces);
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            if (undeclared is null) break;
            undeclared = requirement.Key == Namespace.NameLabel
                ? undeclared.Restrict(PeerNamespace, Values(requirement, _vocabulary.NamespaceNames))
                : undeclared.Restrict(_peerNamespaceLabels[requirement.Key], Values(requirement, _vocabulary.NamespaceLabels[requirement.Key]));
        }
        return CubeUnion.Of([declared, undeclared]);
    }

    /// <summary>A declared namespace read as the encoding reads it: its name's index and its labels' indexes.</summary>
    private bool Matches(LabelSelector selector, int namespaceIndex, Labels labels)
    {
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            var domain = _vocabulary.NamespaceDomain(requirement.Key)!;
            var index = requirement.Key == Namespace.NameLabel
                ? namespaceIndex
                : domain.IndexOf(labels.TryGetValue(requirement.Key, out var value) ? value : null);
            if (!IntervalList.Contains(Values(requirement, domain), (UInt128)index)) return false;
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
            var destination = _direction == PolicyDirections.Egress ? _full.Restrict(PeerIsPod, [One]) : _full;
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
    private static Cube? Selector(Cube cube, LabelSelector selector, Dictionary<string, int> dimensions, IReadOnlyDictionary<string, LabelDomain> domains)
    {
        Cube? narrowed = cube;
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            narrowed = narrowed?.Restrict(dimensions[requirement.Key], Values(requirement, domains[requirement.Key]));
        }
        return narrowed;
    }

    /// <summary>PolicySemantics.Requirement as the indexes it admits; NotIn and DoesNotExist admit "absent".</summary>
    private static ImmutableArray<Interval<UInt128>> Values(LabelRequirement requirement, LabelDomain domain)
    {
        var all = ImmutableArray.Create(Range(0, (ulong)domain.MaxIndex));
        var listed = IntervalList.Normalize(requirement.Values.IsDefault ? [] : requirement.Values.Select(v => (ulong)domain.IndexOf(v)).Select(i => Range(i, i)));
        return requirement.Operator switch
        {
            SelectorOperator.In => listed,
            SelectorOperator.NotIn => IntervalList.Subtract(all, listed),
            SelectorOperator.Exists => [Range(1, (ulong)domain.MaxIndex)],
            SelectorOperator.DoesNotExist => [Range(0, 0)],
            _ => throw new ArgumentOutOfRangeException(nameof(requirement), requirement.Operator, "unknown selector operator"),
        };
    }

    /// <summary>PolicySemantics.ProtocolTerm's codes: TCP 0, UDP 1, SCTP 2.</summary>
    private static ulong ProtocolCode(Model.Protocol protocol) => protocol switch
    {
        Model.Protocol.TCP => 0,
        Model.Protocol.UDP => 1,
        _ => 2,
    };

    private static int Add(List<Interval<UInt128>> domains, LabelDomain domain)
    {
        domains.Add(Range(0, (ulong)domain.MaxIndex));
        return domains.Count - 1;
    }

    private static Interval<UInt128> Range(ulong first, ulong last) => new(first, last);

    private static readonly Interval<UInt128> Zero = Range(0, 0);
    private static readonly Interval<UInt128> One = Range(1, 1);
}
