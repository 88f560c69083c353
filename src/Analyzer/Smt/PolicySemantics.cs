using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// The semantics of README.md "Semantics and profiles" as formulas: our second, independent statement of what a set of
/// NetworkPolicies allows. Every method returns a Boolean term over a symbolic connection.
/// A "world" is one cluster's view of namespace labels (two when comparing clusters); the
/// connection's variables are shared between worlds. Terms that queries share are cached;
/// a cached term whose scope has been closed is rebuilt, never reused.
/// </summary>
internal sealed class PolicySemantics
{
    private readonly Z3Context _z3;
    private readonly Vocabulary _vocabulary;
    private readonly AnalysisProfile _profile;
    private readonly ImmutableArray<Cluster> _worlds;
    private readonly Dictionary<(SymbolicEndpoint, int, string), Term> _namespaceLabels = [];
    private readonly Dictionary<NetworkPolicy, int> _policyIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(int Policy, PolicyDirections Direction, int Rule, int World), Term> _ruleTerms = [];
    private readonly Dictionary<(int Policy, PolicyDirections Direction, int Rule, int World), Term> _ruleAllows = [];
    private readonly Dictionary<(int Policy, SymbolicEndpoint), Term> _selects = [];

    public PolicySemantics(Z3Context z3, Vocabulary vocabulary, AnalysisProfile profile, ImmutableArray<Cluster> worlds)
    {
        _z3 = z3;
        _vocabulary = vocabulary;
        _profile = profile;
        _worlds = worlds;
    }

    // ---- connections ------------------------------------------------------------------------

    /// <summary>
    /// Allowed when the source side allows egress and the destination side allows ingress; an
    /// address outside the cluster has no policies of its own.
    /// </summary>
    /// <param name="keep">When given, each policy counts only where its literal holds (see PolicySolver.Shared.cs).</param>
    public Term Allowed(IReadOnlyList<NetworkPolicy> policies, SymbolicConnection c, int world, IReadOnlyDictionary<NetworkPolicy, Term>? keep = null) =>
        _z3.And(SideAllows(policies, PolicyDirections.Egress, c, world, keep), SideAllows(policies, PolicyDirections.Ingress, c, world, keep));

    /// <summary>
    /// One side (egress of the source, ingress of the destination): allowed when that endpoint
    /// is not a pod, is not isolated in that direction, or some rule of a policy that selects it
    /// and isolates it in that direction allows the connection. Policies only add allowances.
    /// </summary>
    public Term SideAllows(IReadOnlyList<NetworkPolicy> policies, PolicyDirections direction, SymbolicConnection c, int world, IReadOnlyDictionary<NetworkPolicy, Term>? keep = null)
    {
        var target = Target(direction, c);
        var allowances = new List<Term>();
        foreach (var policy in policies)
        {
            if (!policy.Isolates(direction)) continue;
            var rules = policy.Rules(direction);
            for (var i = 0; i < rules.Length; i++) allowances.Add(Kept(keep, policy, RuleAllows(policy, direction, i, c, world)));
        }
        var isolated = Isolated(policies, direction, target, keep);
        var clusterPolicies = _worlds[world].AdminPolicies;
        if (clusterPolicies.IsEmpty) return _z3.Or(_z3.Not(target.IsPod), _z3.Not(isolated), _z3.Or(allowances));
        // A Baseline Pass hands the connection to the next tier: the default allow.
        var baseline = ClusterTier(BaselineOrder(clusterPolicies), direction, c, world, passTo: _z3.True, fallback: _z3.True);
        var networkPolicies = _z3.Ite(isolated, _z3.Or(allowances), baseline);
        return _z3.Or(_z3.Not(target.IsPod), ClusterTier(AdminOrder(clusterPolicies), direction, c, world, networkPolicies, networkPolicies));
    }

    /// <summary>
    /// The tiers of README.md "Semantics and profiles": AdminNetworkPolicies by ascending priority (the first matching
    /// rule decides: Allow, Deny, or Pass to the NetworkPolicy tier); then NetworkPolicies (when
    /// they isolate the pod); then the Baseline policies by ascending priority (first matching
    /// rule, Allow or Deny, or Pass to the default allow); then allow. Policies of equal
    /// priority, which Kubernetes leaves unordered, are taken by name, as the concrete engine does.
    /// </summary>
    private Term ClusterTier(IEnumerable<AdminPolicy> ordered, PolicyDirections direction, SymbolicConnection c, int world, Term? passTo, Term fallback)
    {
        var rules = ordered.SelectMany(p => p.Rules(direction).Select(r => (Policy: p, Rule: r))).ToList();
        var decision = fallback;
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            var (policy, rule) = rules[i];
            var verdict = rule.Action switch
            {
                AdminAction.Allow => _z3.True,
                AdminAction.Deny => _z3.False,
                _ => passTo ?? decision,
            };
            decision = _z3.Ite(AdminRuleMatches(policy, rule, c, world), verdict, decision);
        }
        return decision;
    }

    private static IEnumerable<AdminPolicy> AdminOrder(ImmutableArray<AdminPolicy> policies) =>
        policies.Where(p => p.Tier == PolicyTier.Admin).OrderBy(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal);

    private static IEnumerable<AdminPolicy> BaselineOrder(ImmutableArray<AdminPolicy> policies) =>
        policies.Where(p => p.Tier == PolicyTier.Baseline).OrderBy(p => p.Priority).ThenBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>
    /// A pod is isolated in a direction when a policy in its namespace selects it and has that
    /// direction in its policyTypes (as defaulted: Ingress always, Egress when there are egress rules).
    /// </summary>
    public Term Isolated(IReadOnlyList<NetworkPolicy> policies, PolicyDirections direction, SymbolicEndpoint target, IReadOnlyDictionary<NetworkPolicy, Term>? keep = null)
    {
        var isolating = new List<Term>();
        foreach (var policy in policies)
        {
            if (policy.Isolates(direction)) isolating.Add(Kept(keep, policy, Selects(policy, target)));
        }
        return _z3.Or(isolating);
    }

    /// <summary>The policy's contribution, guarded by its "keep" literal when there are literals.</summary>
    private Term Kept(IReadOnlyDictionary<NetworkPolicy, Term>? keep, NetworkPolicy policy, Term contribution) =>
        keep is not null && keep.TryGetValue(policy, out var literal) ? _z3.And(literal, contribution) : contribution;

    /// <summary>The rule allows the connection for the pod its policy selects. Rules of a direction the policy does not isolate are ignored.</summary>
    public Term RuleAllows(NetworkPolicy policy, PolicyDirections direction, int index, SymbolicConnection c, int world)
    {
        if (!policy.Isolates(direction)) return _z3.False;
        var key = (PolicyId(policy), direction, index, world);
        if (_ruleAllows.TryGetValue(key, out var term) && !term.Scope.IsDisposed) return term;
        term = _z3.And(Selects(policy, Target(direction, c)), Rule(policy, direction, index, c, world));
        _ruleAllows[key] = term;
        return term;
    }

    /// <summary>The endpoint a direction's policies apply to: the destination for ingress, the source for egress.</summary>
    public static SymbolicEndpoint Target(PolicyDirections direction, SymbolicConnection c) =>
        direction == PolicyDirections.Ingress ? c.Destination : c.Source;

    /// <summary>The endpoint a rule's peers describe: the source for ingress, the destination for egress.</summary>
    public static SymbolicEndpoint Peer(PolicyDirections direction, SymbolicConnection c) =>
        direction == PolicyDirections.Ingress ? c.Source : c.Destination;

    // ---- policies and rules -----------------------------------------------------------------

    /// <summary>The policy's podSelector picks pods of its own namespace only.</summary>
    public Term Selects(NetworkPolicy policy, SymbolicEndpoint e)
    {
        var key = (PolicyId(policy), e);
        if (_selects.TryGetValue(key, out var term) && !term.Scope.IsDisposed) return term;
        term = _z3.And(e.IsPod, InNamespace(e, policy.Namespace), PodSelector(policy.PodSelector, e));
        _selects[key] = term;
        return term;
    }

    /// <summary>
    /// Empty from/to means every peer, including addresses outside the cluster; empty ports
    /// means every port of every protocol. Otherwise some peer and some port must match.
    /// </summary>
    public Term Rule(NetworkPolicy policy, PolicyDirections direction, int index, SymbolicConnection c, int world)
    {
        var key = (PolicyId(policy), direction, index, world);
        if (_ruleTerms.TryGetValue(key, out var term) && !term.Scope.IsDisposed) return term;
        var rule = policy.Rules(direction)[index];
        var peer = Peer(direction, c);
        var peers = rule.AllowsAllPeers
            ? _z3.True
            : _z3.Or([.. rule.Peers.Select(p => PeerMatches(p, policy.Namespace, peer, world))]);
        var ports = rule.AllowsAllPorts ? _z3.True : _z3.Or([.. rule.Ports.Select(p => PortMatches(p, c))]);
        term = _z3.And(peers, ports);
        _ruleTerms[key] = term;
        return term;
    }

    /// <summary>
    /// podSelector alone: pods of the policy's namespace; namespaceSelector alone: every pod of
    /// the matching namespaces; both: AND. An ipBlock peer matches addresses (see IpBlockMatches).
    /// </summary>
    public Term PeerMatches(NetworkPolicyPeer peer, string policyNamespace, SymbolicEndpoint e, int world)
    {
        if (peer.IpBlock is { } block) return IpBlockMatches(block, e);
        if (peer.PodSelector is null && peer.NamespaceSelector is null) return _z3.False;
        var inNamespace = peer.NamespaceSelector is { } namespaces
            ? NamespaceSelector(namespaces, e, world)
            : InNamespace(e, policyNamespace);
        var pods = peer.PodSelector is { } selector ? PodSelector(selector, e) : _z3.True;
        return _z3.And(e.IsPod, inNamespace, pods);
    }

    /// <summary>
    /// An address in the CIDR and in none of the excepts. Outside the cluster the endpoint's one
    /// address counts; a pod matches only under the Default profile and only by a known IP of
    /// the same family. The NetpolAnalyzer profile ignores IPv6 blocks (as its goldens do). An
    /// unparseable CIDR matches nothing (the loader reports it).
    /// </summary>
    public Term IpBlockMatches(IpBlock block, SymbolicEndpoint e) => AddressBlockMatches(block.Cidr, block.Except, e);

    /// <summary>The address part of an ipBlock, or one CIDR of an AdminNetworkPolicy networks peer.</summary>
    public Term AddressBlockMatches(CidrText cidr, ImmutableArray<CidrText> except, SymbolicEndpoint e)
    {
        if (!AddressRange.TryParseCidr(cidr.Text, out var range)) return _z3.False;
        if (range.IsV6 && _profile == AnalysisProfile.NetpolAnalyzer) return _z3.False;
        var (known, address) = range.IsV6 ? (e.HasIp6, e.Ip6) : (e.HasIp4, e.Ip4);
        var excepted = new List<Term>();
        foreach (var hole in except.IsDefault ? [] : except)
        {
            if (AddressRange.TryParseCidr(hole.Text, out var holeRange) && holeRange.IsV6 == range.IsV6)
            {
                excepted.Add(InRange(address, holeRange));
            }
        }
        var inBlock = _z3.And(known, InRange(address, range), _z3.Not(_z3.Or(excepted)));
        return _profile == AnalysisProfile.NetpolAnalyzer ? _z3.And(_z3.Not(e.IsPod), inBlock) : inBlock;
    }

    // ---- cluster policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy) -------------------

    /// <summary>
    /// The rule of a cluster policy matches the connection: its policy's subject selects the
    /// endpoint of the rule's direction, some peer matches the other endpoint, and some port
    /// matches (no ports: every port). Whether it allows, denies or passes does not matter here.
    /// </summary>
    public Term AdminRuleMatches(AdminPolicy policy, AdminRule rule, SymbolicConnection c, int world)
    {
        var peer = Peer(rule.Direction, c);
        var skipsHostNetwork = policy.ExcludesHostNetworkPods();
        var peers = _z3.Or([.. (rule.Peers.IsDefault ? [] : rule.Peers).Select(p => AdminSelectorMatches(p, peer, world, skipsHostNetwork))]);
        var ports = rule.Ports.IsDefaultOrEmpty ? _z3.True : _z3.Or([.. rule.Ports.Select(p => PortMatches(p, c))]);
        return _z3.And(AdminSelectorMatches(policy.Subject, Target(rule.Direction, c), world, skipsHostNetwork), peers, ports);
    }

    /// <summary>
    /// namespaces: every pod of the matching namespaces; pods: matching pods of matching
    /// namespaces; networks: addresses in the CIDRs (pods by known IP under the Default
    /// profile, like ipBlock); nodes and domain names: nothing (not in the manifests); every
    /// peer: everything. ClusterNetworkPolicy namespaces and pods leave host-network pods out.
    /// </summary>
    public Term AdminSelectorMatches(AdminSelector selector, SymbolicEndpoint e, int world, bool skipsHostNetwork = false) => selector switch
    {
        NamespacesSelector ns => _z3.And(PodOf(e, skipsHostNetwork), NamespaceSelector(ns.Namespaces, e, world)),
        PodsSelector pods => _z3.And(PodOf(e, skipsHostNetwork), NamespaceSelector(pods.Namespaces, e, world), PodSelector(pods.Pods, e)),
        NetworksSelector networks => _z3.Or([.. networks.Networks.Select(cidr => AddressBlockMatches(cidr, [], e))]),
        EveryPeerSelector => _z3.True,
        _ => _z3.False,
    };

    /// <summary>Some ClusterNetworkPolicy leaves host-network pods out, so the encoding must tell them apart.</summary>
    private bool HostNetworkMatters => _hostNetworkMatters ??= _worlds.Any(w => !w.AdminPolicies.IsDefault && w.AdminPolicies.Any(p => p.ExcludesHostNetworkPods()));

    private bool? _hostNetworkMatters;

    private Term PodOf(SymbolicEndpoint e, bool skipsHostNetwork) =>
        skipsHostNetwork ? _z3.And(e.IsPod, _z3.Not(e.HostNetwork)) : e.IsPod;

    /// <summary>
    /// Protocol must match. No port: every port. Numeric port: that port, or port..endPort
    /// inclusive. Named port: the destination pod has a container port of that name and the
    /// same protocol (a cluster policy's: the connection's protocol), and the connection goes to
    /// its number. Out-of-range numbers match nothing.
    /// </summary>
    public Term PortMatches(PolicyPort port, SymbolicConnection c)
    {
        var protocol = _z3.Eq(c.Protocol, ProtocolTerm(port.Protocol));
        if (port.Port is not { } reference) return protocol;
        if (reference.Name is { } name)
        {
            var named = c.Destination.NamedPorts[name];
            // A cluster policy's named port has no protocol of its own: the container port's decides.
            var protocols = port.ProtocolOfContainerPort
                ? _z3.Eq(c.Protocol, named.Protocol)
                : _z3.And(protocol, _z3.Eq(named.Protocol, ProtocolTerm(port.Protocol)));
            return _z3.And(protocols, c.Destination.IsPod, named.Present, _z3.Eq(named.Number, c.Port));
        }
        var first = reference.Number!.Value;
        var last = port.EndPort ?? first;
        if (first < 1 || last > 65535 || last < first) return _z3.False;
        return first == last
            ? _z3.And(protocol, _z3.Eq(c.Port, PortTerm(first)))
            : _z3.And(protocol, _z3.ULe(PortTerm(first), c.Port), _z3.ULe(c.Port, PortTerm(last)));
    }

    // ---- label selectors --------------------------------------------------------------------

    public Term PodSelector(LabelSelector selector, SymbolicEndpoint e) =>
        Selector(selector, key => (e.PodLabels[key], _vocabulary.PodLabels[key]));

    public Term NamespaceSelector(LabelSelector selector, SymbolicEndpoint e, int world) =>
        Selector(selector, key => (NamespaceLabel(e, world, key), _vocabulary.NamespaceDomain(key)!));

    /// <summary>matchLabels and matchExpressions: all requirements hold.</summary>
    public Term Selector(LabelSelector selector, Func<string, (Term Value, LabelDomain Domain)> label)
    {
        if (selector.SelectsEverything) return _z3.True;
        var requirements = new List<Term>(selector.Requirements.Length);
        foreach (var requirement in selector.Requirements)
        {
            var (value, domain) = label(requirement.Key);
            requirements.Add(Requirement(requirement, value, domain));
        }
        return _z3.And(requirements);
    }

    /// <summary>In / NotIn / Exists / DoesNotExist; NotIn and DoesNotExist hold when the key is absent.</summary>
    public Term Requirement(LabelRequirement requirement, Term value, LabelDomain domain)
    {
        switch (requirement.Operator)
        {
            case SelectorOperator.In:
                return _z3.Or([.. requirement.Values.Select(v => _z3.Eq(value, Index(domain, domain.IndexOf(v))))]);
            case SelectorOperator.NotIn:
                return _z3.Not(_z3.Or([.. requirement.Values.Select(v => _z3.Eq(value, Index(domain, domain.IndexOf(v))))]));
            case SelectorOperator.Exists:
                return _z3.Not(_z3.Eq(value, Index(domain, LabelDomain.Absent)));
            case SelectorOperator.DoesNotExist:
                return _z3.Eq(value, Index(domain, LabelDomain.Absent));
            default:
                throw new ArgumentOutOfRangeException(nameof(requirement), requirement.Operator, "unknown selector operator");
        }
    }

    public Term InNamespace(SymbolicEndpoint e, string name) =>
        _z3.Eq(e.Namespace, Index(_vocabulary.NamespaceNames, _vocabulary.NamespaceNames.IndexOf(_vocabulary.Representative(name))));

    /// <summary>
    /// A namespace label as one cluster sees it: a namespace of that cluster has its declared
    /// labels (an implicit one only its name); any other namespace has free labels.
    /// </summary>
    public Term NamespaceLabel(SymbolicEndpoint e, int world, string key)
    {
        if (key == Namespace.NameLabel) return e.Namespace;
        if (_namespaceLabels.TryGetValue((e, world, key), out var term) && !term.Scope.IsDisposed) return term;
        var domain = _vocabulary.NamespaceLabels[key];
        term = e.FreeNamespaceLabels[key];
        foreach (var ns in _worlds[world].Namespaces)
        {
            // A merged namespace has its representative's labels (Vocabulary.Representative).
            if (!_vocabulary.IsRepresentative(ns.Name)) continue;
            var value = ns.Labels.TryGetValue(key, out var v) ? v : null;
            term = _z3.Ite(InNamespace(e, ns.Name), Index(domain, domain.IndexOf(value)), term);
        }
        _namespaceLabels[(e, world, key)] = term;
        return term;
    }

    // ---- the space of connections -----------------------------------------------------------

    /// <summary>
    /// Constraints every symbolic connection satisfies: variables within their domains, ports
    /// 1..65535, a namespace always has a name, an outside address is IPv4 or IPv6, and at
    /// least one end is a pod (connections between two outside addresses are never governed).
    /// </summary>
    public IEnumerable<Term> WellFormed(SymbolicConnection c, ImmutableArray<InputPodClass> inputPods)
    {
        yield return _z3.ULe(c.Protocol, _z3.BitVector(2, SymbolicEndpoint.ProtocolWidth));
        yield return _z3.Not(_z3.Eq(c.Port, PortTerm(0)));
        yield return _z3.Or(c.Source.IsPod, c.Destination.IsPod);
        foreach (var e in new[] { c.Source, c.Destination })
        {
            foreach (var term in WellFormed(e)) yield return term;
            foreach (var term in InputPodConstraints(e, inputPods)) yield return term;
        }
    }

    /// <summary>The endpoint is exactly this input pod class (used with Restricted = true).</summary>
    public Term IsInputPod(SymbolicEndpoint e, InputPodClass podClass) =>
        _z3.And(e.IsPod, e.Restricted, _z3.Eq(e.PodClass, _z3.BitVector((ulong)podClass.Index, e.PodClassWidth)));

    /// <summary>The endpoint is this outside address.</summary>
    public Term IsAddress(SymbolicEndpoint e, bool isV6, System.Numerics.BigInteger value) => isV6
        ? _z3.And(_z3.Not(e.IsPod), e.HasIp6, _z3.Eq(e.Ip6, _z3.BitVector(value, 128)))
        : _z3.And(_z3.Not(e.IsPod), e.HasIp4, _z3.Eq(e.Ip4, _z3.BitVector(value, 32)));

    /// <summary>The protocol enum of the encoding: TCP 0, UDP 1, SCTP 2 (a 2-bit vector kept below 3).</summary>
    public Term ProtocolTerm(Protocol protocol) => _z3.BitVector(
        protocol switch
        {
            Protocol.TCP => 0UL,
            Protocol.UDP => 1UL,
            _ => 2UL,
        },
        SymbolicEndpoint.ProtocolWidth);

    public static Protocol ProtocolOf(ulong code) => code switch
    {
        0 => Protocol.TCP,
        1 => Protocol.UDP,
        _ => Protocol.SCTP,
    };

    public Term PortTerm(int port) => _z3.BitVector((ulong)port, SymbolicEndpoint.PortWidth);

    private IEnumerable<Term> WellFormed(SymbolicEndpoint e)
    {
        yield return InDomain(e.Namespace, _vocabulary.NamespaceNames);
        yield return _z3.Not(_z3.Eq(e.Namespace, Index(_vocabulary.NamespaceNames, LabelDomain.Absent)));
        foreach (var (key, value) in e.FreeNamespaceLabels) yield return InDomain(value, _vocabulary.NamespaceLabels[key]);
        foreach (var (key, value) in e.PodLabels) yield return InDomain(value, _vocabulary.PodLabels[key]);
        foreach (var port in e.NamedPorts.Values)
        {
            yield return _z3.ULe(port.Protocol, _z3.BitVector(2, SymbolicEndpoint.ProtocolWidth));
            yield return _z3.Not(_z3.Eq(port.Number, PortTerm(0)));
        }
        yield return _z3.Implies(_z3.Not(e.IsPod), _z3.Xor(e.HasIp4, e.HasIp6));
    }

    /// <summary>
    /// When the endpoint is restricted to the input, it is one of the input pod classes, with
    /// that class's namespace, labels, named ports and IPs.
    /// </summary>
    private IEnumerable<Term> InputPodConstraints(SymbolicEndpoint e, ImmutableArray<InputPodClass> inputPods)
    {
        var restrictedPod = _z3.And(e.Restricted, e.IsPod);
        yield return _z3.Implies(restrictedPod, _z3.ULt(e.PodClass, _z3.BitVector((ulong)inputPods.Length, e.PodClassWidth)));
        foreach (var podClass in inputPods)
        {
            yield return _z3.Implies(IsInputPod(e, podClass), _z3.And([.. Attributes(e, podClass)]));
        }
    }

    private IEnumerable<Term> Attributes(SymbolicEndpoint e, InputPodClass podClass)
    {
        yield return InNamespace(e, podClass.Namespace);
        foreach (var (key, value) in e.PodLabels)
        {
            var domain = _vocabulary.PodLabels[key];
            yield return _z3.Eq(value, Index(domain, domain.IndexOf(podClass.Pod.Labels.TryGetValue(key, out var v) ? v : null)));
        }
        foreach (var (name, symbolic) in e.NamedPorts)
        {
            if (InputPodClass.NamedPort(podClass.Pod, name) is { } port)
            {
                yield return symbolic.Present;
                yield return _z3.Eq(symbolic.Protocol, ProtocolTerm(port.Protocol));
                yield return _z3.Eq(symbolic.Number, PortTerm(Math.Clamp(port.Number, 1, 65535)));
            }
            else
            {
                yield return _z3.Not(symbolic.Present);
            }
        }
        if (HostNetworkMatters) yield return podClass.Pod.HostNetwork ? e.HostNetwork : _z3.Not(e.HostNetwork);
        yield return KnownAddress(podClass.Pod, isV6: false, e.HasIp4, e.Ip4, 32);
        yield return KnownAddress(podClass.Pod, isV6: true, e.HasIp6, e.Ip6, 128);
    }

    private Term KnownAddress(Pod pod, bool isV6, Term known, Term address, uint width) =>
        InputPodClass.FirstAddress(pod, isV6) is { } value
            ? _z3.And(known, _z3.Eq(address, _z3.BitVector(value, width)))
            : _z3.Not(known);

    private Term InRange(Term address, AddressRange range)
    {
        var width = range.IsV6 ? 128u : 32u;
        return _z3.And(_z3.ULe(_z3.BitVector(range.First, width), address), _z3.ULe(address, _z3.BitVector(range.Last, width)));
    }

    private Term InDomain(Term value, LabelDomain domain) => _z3.ULe(value, Index(domain, domain.MaxIndex));

    private Term Index(LabelDomain domain, int index) => _z3.BitVector((ulong)index, domain.Width);

    private int PolicyId(NetworkPolicy policy)
    {
        if (!_policyIds.TryGetValue(policy, out var id))
        {
            id = _policyIds.Count;
            _policyIds[policy] = id;
        }
        return id;
    }
}
