using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The exact reachability engine: Kubernetes NetworkPolicy semantics (plus AdminNetworkPolicy
/// and BaselineAdminNetworkPolicy tiers) over the pods of a <see cref="Cluster"/>.
/// <para>
/// Pods are grouped into equivalence classes (<see cref="PodClass"/>): C classes, usually far
/// fewer than pods. Peers of a direction ("endpoints") are the C classes followed by the
/// external address ranges of that direction (the address space cut at every ipBlock boundary
/// used in that direction). Evaluation per direction is a walk through the layers Admin ->
/// NetworkPolicy -> Baseline -> allow (<see cref="TierDecision"/>).
/// </para>
/// <para>
/// Complexity. P pods, C classes, X external ranges, N namespaces, R rules; R(s) = the rules
/// of the policies that select class s; |peers(r)| = the endpoints rule r names.
/// Build: O(P · labels per pod) for the class keys, O(R) to compile policies (each distinct
/// ipBlock parsed once), O(ipBlock boundaries · log) for the address cuts.
/// Matrix (<see cref="ComputeMatrix"/>, see <see cref="MatrixBuilder"/>): each distinct peer
/// list becomes a sorted endpoint array once, its namespace selector evaluated on the
/// namespaces indexed by label (N in the worst case, once per distinct selector) and its pod
/// selector on the classes indexed by label, then a bit array of C + X bits (D distinct lists:
/// D · (C + X) / 8 bytes). No row is expanded per endpoint: every class gets, per direction,
/// one candidate bit array (the endpoints some rule that can allow names) in
/// O(|R(s)| · (C + X) / 64) word operations, or none when nothing governs it; the ingress
/// arrays are transposed by source in O(candidate bits). Memory: three bit matrices of
/// about C · (C + X) / 8 bytes (28 MB at 15,000 classes), not C² connection sets.
/// Listing (<see cref="ReachabilityMatrix.Pairs"/>): per source, O(C / 64) word operations to
/// intersect its egress candidates with the destinations whose ingress may admit it, then
/// one layer walk per remaining cell, O(cluster policies + |R(s)| + |R(d)|), rule membership
/// read from the bit arrays; the cells walked are the answer plus the pairs both sides name on disjoint
/// ports. A single cell (<see cref="ReachabilityMatrix.Connections"/>) is the same walk.
/// Nothing walks all policies per pod pair. A pair query (<see cref="Explain"/>) builds no
/// matrix: O(policies in the two namespaces + cluster policies) selector evaluations on top of
/// the build.
/// </para>
/// <para>
/// Workloads: a workload whose pods all fall into one class is one peer. When its pods fall
/// into several classes that some question tells apart (a policy, a Service or an ipBlock: per-pod labels
/// such as <c>statefulset.kubernetes.io/pod-name</c>, an operator's <c>role=primary</c>), each
/// class of its pods is a peer of its own (<see cref="WorkloadPeer.Part"/>), so every answer
/// about those pods is exact (docs/split-workloads.md). The whole owner, asked as one peer
/// (<see cref="PeersOf"/> gives its parts), answers with the union over its pods: what some
/// pod can send to some pod.
/// </para>
/// Thread-safe for concurrent queries once built.
/// </summary>
public sealed partial class ReachabilityEngine
{
    private readonly PodClasses _classes;
    private readonly ImmutableArray<CompiledPolicy> _admin;
    private readonly ImmutableArray<CompiledPolicy> _baseline;
    private readonly Dictionary<string, ImmutableArray<CompiledPolicy>> _networkPolicies;
    private readonly Dictionary<string, int> _workloadById;
    private readonly Dictionary<string, Peer> _peerById;
    private readonly ConnectionSet[] _exposure;
    private readonly bool _anyAddressBlock;
    private readonly List<CompiledPolicy>?[] _isolatingIngress;
    private readonly List<CompiledPolicy>?[] _isolatingEgress;
    private readonly ImmutableArray<int> _controllerClasses;
    private readonly CiliumLayer _cilium;

    private ReachabilityEngine(Cluster cluster, AnalysisProfile profile, EngineScope? scope = null)
    {
        Cluster = cluster;
        Profile = profile;
        Scope = scope;
        var compiler = new PolicyCompiler(profile);
        var policies = CompileCalico(cluster, compiler.Compile(cluster, scope), out _tiers);
        _admin = [.. policies.Where(p => p.Layer == PolicyLayer.Admin)];
        _baseline = [.. policies.Where(p => p.Layer == PolicyLayer.Baseline)];
        _networkPolicies = policies
            .Where(p => p.Layer == PolicyLayer.NetworkPolicy)
            .GroupBy(p => p.Ref.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        var allRules = policies.SelectMany(p => p.Ingress.Concat(p.Egress)).ToList();
        var ciliumRules = CiliumLayer.Compile(cluster);
        // Cilium's CIDRs cut the outside address space but never match pods (see CiliumLayer).
        var addressRules = allRules.Concat(CiliumLayer.Of(ciliumRules, 0).AllRules).ToList();
        IngressAtoms = CutAddressSpace(addressRules.Where(r => r.Ref.Direction == PolicyDirections.Ingress));
        EgressAtoms = CutAddressSpace(addressRules.Where(r => r.Ref.Direction == PolicyDirections.Egress));
        // Calico nets match pod IPs under every profile (PodAddressBlocks: External, or a Calico rule's nets).
        var ruleAddresses = scope is null ? allRules.Select(r => r.PodAddressBlocks).ToList() : ScopedRuleAddresses(cluster, profile, compiler, scope, allRules);
        _anyAddressBlock = addressRules.Any(r => !r.External.IsEmpty) || ruleAddresses.Any(a => !a.IsEmpty);
        var podAtoms = profile == AnalysisProfile.Default
            ? IpAtoms.Cut(ruleAddresses, includeV6: true)
            : _tiers is null ? IpAtoms.None : IpAtoms.Cut(allRules.Where(r => r.Ref.Layer == PolicyLayer.Calico).Select(r => r.PodAddressBlocks), includeV6: true);
        _classes = new PodClasses(cluster, podAtoms, scope);
        _cilium = CiliumLayer.Of(ciliumRules, _classes.Count);
        _exposure = IngressControllerTraffic.Compute(cluster, _classes);
        _isolatingIngress = new List<CompiledPolicy>?[_classes.Count];
        if (_tiers is not null) (_applyingIngress, _applyingEgress) = (new List<(CompiledTier, List<CompiledPolicy>)>?[_classes.Count], new List<(CompiledTier, List<CompiledPolicy>)>?[_classes.Count]);
        _isolatingEgress = new List<CompiledPolicy>?[_classes.Count];
        (_isolatingIngressRefs, _isolatingEgressRefs) = (new ImmutableArray<ObjectRef>[_classes.Count], new ImmutableArray<ObjectRef>[_classes.Count]);
        _workloadById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cluster.Workloads.Length; i++) _workloadById.TryAdd(cluster.Workloads[i].Id, i);
        IngressControllerWorkloads = profile == AnalysisProfile.Default ? IngressControllers.Find(cluster) : [];
        _controllerClasses = IngressControllerWorkloads.IsEmpty
            ? [_classes.IngressController]
            : [.. IngressControllerWorkloads.SelectMany(w => ClassesOf(new WorkloadPeer(w))).Distinct().Order()];
        var asRanges = profile == AnalysisProfile.NetpolAnalyzer;
        ExternalSources = [.. IngressAtoms.Groups.Select(g => new ExternalPeer(g) { SingleAddressAsRange = asRanges })];
        ExternalDestinations = [.. EgressAtoms.Groups.Select(g => new ExternalPeer(g) { SingleAddressAsRange = asRanges })];
        _peerById = CollectPeers();
        Peers = [.. _peerById.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];
        Notes = CollectNotes(compiler.IpV6Dropped);
    }

    /// <summary>Builds the engine for a cluster (classes, compiled policies, address ranges); no matrix yet.</summary>
    public static ReachabilityEngine Build(Cluster cluster, AnalysisProfile profile = AnalysisProfile.Default) =>
        new(cluster, profile);

    public Cluster Cluster { get; }

    public AnalysisProfile Profile { get; }

    /// <summary>
    /// Every peer, ordinal by Id: workloads with at least one pod, the external ranges of both
    /// directions, and <c>{ingress-controller}</c> when some Ingress or Route exists.
    /// </summary>
    public ImmutableArray<Peer> Peers { get; }

    /// <summary>
    /// The outside address ranges as sources of traffic: the address space cut at every
    /// boundary of the ipBlocks of ingress rules (each range is one peer).
    /// </summary>
    public ImmutableArray<ExternalPeer> ExternalSources { get; }

    /// <summary>The outside address ranges as destinations: cut at the boundaries of egress ipBlocks and networks.</summary>
    public ImmutableArray<ExternalPeer> ExternalDestinations { get; }

    /// <summary>
    /// The workloads that run the ingress controller (<see cref="IngressControllers"/>): the
    /// <c>{ingress-controller}</c> peer is their pods, so their own egress policies and the
    /// backends' rules that admit their namespace or pods decide. Empty when the input holds no
    /// controller, and always under the netpol-analyzer profile: the peer is then a pod of a
    /// namespace of its own, which only rules that admit every namespace admit.
    /// </summary>
    public ImmutableArray<Workload> IngressControllerWorkloads { get; }

    /// <summary>The pod classes <c>{ingress-controller}</c> stands for: the controller workloads' classes, or the conventional one.</summary>
    internal ImmutableArray<int> IngressControllerClasses => _controllerClasses;

    /// <summary>Modelling choices that affect the results (host-network pods, ignored IPv6 blocks, ...).</summary>
    public ImmutableArray<EngineNote> Notes { get; }

    /// <summary>Number of pod equivalence classes (for diagnostics and benchmarks).</summary>
    public int ClassCount => _classes.Count - 1;

    internal PodClasses Classes => _classes;

    internal IpAtoms IngressAtoms { get; }

    internal IpAtoms EgressAtoms { get; }

    internal ConnectionSet[] Exposure => _exposure;

    public Peer? FindPeer(string id) => _peerById.GetValueOrDefault(id);

    /// <summary>Computes the full connectivity matrix.</summary>
    public ReachabilityMatrix ComputeMatrix() => Scope is null
        ? new(this, new MatrixBuilder(this).Build())
        : throw new InvalidOperationException("an engine scoped to some namespaces answers pairs within them, not the whole matrix");

    /// <summary>What <paramref name="source"/> can send to <paramref name="destination"/>, without computing the matrix.</summary>
    public ConnectionSet Connections(Peer source, Peer destination) => Explain(source, destination).Allowed;

    /// <summary>The verdict for one pair with the policies and rules behind it; does not compute the matrix.</summary>
    public PairExplanation Explain(Peer source, Peer destination)
    {
        var notes = NotesFor(source, destination);
        if (source.Id == destination.Id && source is WorkloadPeer)
        {
            notes = notes.Add(new EngineNote("self", "a pod never blocks traffic to itself"));
            return new PairExplanation(source, destination,
                DirectionVerdict.Ungoverned(PolicyDirections.Egress), DirectionVerdict.Ungoverned(PolicyDirections.Ingress),
                ConnectionSet.All, notes);
        }
        var sources = Endpoints(source);
        var destinations = Endpoints(destination);
        var egress = new List<DirectionVerdict>();
        var ingress = new List<DirectionVerdict>();
        var allowed = ConnectionSet.Empty;
        foreach (var from in sources)
        {
            foreach (var to in destinations)
            {
                if (from.Class is null && to.Class is null) continue;
                if (to.Class is { IsIngressController: true }) continue;
                // the ingress controller only forwards Ingress and Route traffic to their backends
                if (source is IngressControllerPeer && to.Class is null) continue;
                var outgoing = from.Class is { IsIngressController: false } s
                    ? Evaluate(s, PolicyDirections.Egress, to)
                    : DirectionVerdict.Ungoverned(PolicyDirections.Egress);
                var incoming = to.Class is { } d
                    ? Evaluate(d, PolicyDirections.Ingress, from)
                    : DirectionVerdict.Ungoverned(PolicyDirections.Ingress);
                var pair = outgoing.Allowed.Intersect(incoming.Allowed);
                if (source is IngressControllerPeer && to.Class is { } exposed)
                {
                    pair = pair.Intersect(_exposure[exposed.Index]);
                    notes = notes.Add(new EngineNote("ingress-exposure",
                        $"the ingress controller sends only to the ports Ingress and Route backends expose: {_exposure[exposed.Index]}"));
                }
                egress.Add(outgoing);
                ingress.Add(incoming);
                allowed = allowed.Union(pair);
            }
        }
        return new PairExplanation(source, destination,
            Merge(PolicyDirections.Egress, egress), Merge(PolicyDirections.Ingress, ingress), allowed, notes);
    }

    /// <summary>
    /// The decision of one direction for a subject pod class towards a peer endpoint, with
    /// every matching rule recorded. Egress: subject = source, peer = destination;
    /// ingress: subject = destination, peer = source. Ports resolve on the destination.
    /// </summary>
    internal DirectionVerdict Evaluate(PodClass subject, PolicyDirections direction, Endpoint peer)
    {
        var destination = direction == PolicyDirections.Egress ? peer.Class : subject;
        var rules = ImmutableArray.CreateBuilder<RuleContribution>();
        var allowed = Decide(subject, direction, destination, peer.IsMatchedBy, rules, out var isolating);
        return new DirectionVerdict(direction, true, isolating.Count > 0, IsolatingRefs(subject, direction), rules.ToImmutable(), allowed);
    }

    /// <summary>
    /// The layer walk for one subject and one peer: Admin rules in order, then the
    /// NetworkPolicies if any isolates the subject, else the Baseline rules, then allow.
    /// <paramref name="matches"/> says whether a rule names the peer; contributions are
    /// recorded when <paramref name="rules"/> is given.
    /// </summary>
    internal ConnectionSet Decide(
        PodClass subject, PolicyDirections direction, PodClass? destination, Func<CompiledRule, bool> matches,
        ImmutableArray<RuleContribution>.Builder? rules, out List<CompiledPolicy> isolating)
    {
        // Cilium's denies override every allow of every layer; recorded first, applied last.
        var denied = _cilium.IsEmpty ? ConnectionSet.Empty : _cilium.Denied(subject, direction, destination, matches, rules);
        if (_tiers is not null)
        {
            var byTiers = DecideByTiers(subject, direction, destination, matches, rules, out isolating);
            return denied.IsEmpty ? byTiers : byTiers.Subtract(denied);
        }
        var state = TierDecision.Start;
        foreach (var policy in _admin)
        {
            if (policy.AppliesTo(subject)) ApplyClusterRules(policy, direction, matches, destination, ref state, rules);
        }
        isolating = IsolatingPolicies(subject, direction);
        if (isolating.Count > 0)
        {
            var remaining = state.Undecided.Union(state.Passed);
            var allowedByPolicies = ConnectionSet.Empty;
            foreach (var policy in isolating) AddAllows(policy);
            // A Cilium rule that selects the pod without isolating it still adds its allows.
            if (!_cilium.IsEmpty)
            {
                foreach (var policy in _cilium.AllowingWithoutIsolating(subject, direction)) AddAllows(policy);
            }
            state.DecideByNetworkPolicies(allowedByPolicies);

            void AddAllows(CompiledPolicy policy)
            {
                foreach (var rule in policy.Rules(direction))
                {
                    if (!matches(rule)) continue;
                    var matched = rule.PortsFor(destination);
                    if (matched.IsEmpty) continue;
                    allowedByPolicies = allowedByPolicies.Union(matched);
                    rules?.Add(new RuleContribution(rule.Ref, AdminAction.Allow, matched, matched.Intersect(remaining)));
                }
            }
        }
        else
        {
            state.EnterBaseline();
            foreach (var policy in _baseline)
            {
                if (policy.AppliesTo(subject)) ApplyClusterRules(policy, direction, matches, destination, ref state, rules);
            }
            state.AllowUndecided();
        }
        return denied.IsEmpty ? state.Allowed : state.Allowed.Subtract(denied);
    }

    private static void ApplyClusterRules(
        CompiledPolicy policy, PolicyDirections direction, Func<CompiledRule, bool> matches, PodClass? destination,
        ref TierDecision state, ImmutableArray<RuleContribution>.Builder? rules)
    {
        foreach (var rule in policy.Rules(direction))
        {
            if (!matches(rule)) continue;
            var matched = rule.PortsFor(destination);
            if (matched.IsEmpty) continue;
            var decided = state.Apply(rule.Action, matched);
            rules?.Add(new RuleContribution(rule.Ref, rule.Action, matched, decided));
        }
    }

    /// <summary>
    /// The NetworkPolicies in the subject's namespace that select it and isolate the direction;
    /// computed once per class and direction (the list must not be modified).
    /// </summary>
    internal List<CompiledPolicy> IsolatingPolicies(PodClass subject, PolicyDirections direction)
    {
        var cache = direction == PolicyDirections.Ingress ? _isolatingIngress : _isolatingEgress;
        return cache[subject.Index] ??= FindIsolatingPolicies(subject, direction);
    }

    private List<CompiledPolicy> FindIsolatingPolicies(PodClass subject, PolicyDirections direction)
    {
        if (_tiers is not null) return TierIsolatingPolicies(subject, direction);
        var result = new List<CompiledPolicy>();
        if (subject.IsIngressController) return result;
        if (_networkPolicies.TryGetValue(subject.Namespace, out var policies))
        {
            foreach (var policy in policies)
            {
                if ((policy.Isolates & direction) != 0 && policy.AppliesTo(subject)) result.Add(policy);
            }
        }
        result.AddRange(_cilium.Isolating(subject, direction));
        return result;
    }

    internal IEnumerable<CompiledPolicy> AdminPolicies => _admin;

    internal CiliumLayer Cilium => _cilium;

    internal IEnumerable<CompiledPolicy> BaselinePolicies => _baseline;

    internal IEnumerable<CompiledPolicy> AllNetworkPolicies => _networkPolicies.Values.SelectMany(p => p);

    internal ImmutableArray<int> ClassesOf(WorkloadPeer peer)
    {
        if (peer.IsPart) return [.. peer.Part.Select(p => _classes.OfPod.TryGetValue(p, out var c) ? c : -1).Where(c => c >= 0).Distinct().Order()];
        return _workloadById.TryGetValue(peer.Id, out var index) ? _classes.OfWorkload[index] : [];
    }

    /// <summary>
    /// The peers that stand for <paramref name="workload"/>'s pods: the workload itself when its
    /// pods all fall into one class, else one part per class (ordinal by id); empty when it runs no pods.
    /// </summary>
    public ImmutableArray<WorkloadPeer> PeersOf(Workload workload)
    {
        if (!_workloadById.TryGetValue(workload.Id, out var index)) return [];
        var classes = _classes.OfWorkload[index];
        if (classes.IsEmpty) return [];
        if (!IsSplit(index)) return [new WorkloadPeer(workload)];
        return
        [
            .. workload.Pods.GroupBy(p => _classes.AgreementOf(_classes.OfPod[p]), StringComparer.Ordinal)
                .Select(g => WorkloadPeer.PartOf(workload, g))
                .OrderBy(p => p.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>Whether some question tells the pods of <paramref name="workload"/> apart (it is reported by its parts).</summary>
    public bool IsSplit(Workload workload) => _workloadById.TryGetValue(workload.Id, out var index) && IsSplit(index);

    private bool IsSplit(int workload)
    {
        var classes = _classes.OfWorkload[workload];
        return classes.Length > 1 && classes.Select(_classes.AgreementOf).Distinct(StringComparer.Ordinal).Skip(1).Any();
    }

    private List<Endpoint> Endpoints(Peer peer) => peer switch
    {
        WorkloadPeer workload => [.. ClassesOf(workload).Select(c => Endpoint.Of(_classes.All[c]))],
        ExternalPeer external => [Endpoint.Of(external.Addresses)],
        IngressControllerPeer => [.. _controllerClasses.Select(c => Endpoint.Of(_classes.All[c]))],
        _ => [],
    };

    private static DirectionVerdict Merge(PolicyDirections direction, List<DirectionVerdict> verdicts)
    {
        if (verdicts.Count == 1) return verdicts[0];
        if (verdicts.Count == 0) return new DirectionVerdict(direction, true, false, [], [], ConnectionSet.Empty);
        return new DirectionVerdict(
            direction,
            verdicts.Any(v => v.Governed),
            verdicts.Any(v => v.Isolated),
            [.. verdicts.SelectMany(v => v.IsolatingPolicies).Distinct()],
            [.. verdicts.SelectMany(v => v.Rules).Distinct()],
            verdicts.Aggregate(ConnectionSet.Empty, (set, v) => set.Union(v.Allowed)));
    }

    /// <summary>
    /// The outside address space cut at the rules' blocks, once per direction for the whole
    /// input: by default at the boundaries of what each rule names as a whole, and the ranges
    /// that every rule names alike (both or neither) merged into one peer, since no pod class
    /// can tell them apart (docs/architecture.md, "Outside addresses"); under the netpol-analyzer
    /// profile at every single ipBlock or network, as that tool does, so adjacent blocks stay
    /// separate ranges and nothing is merged.
    /// </summary>
    private IpAtoms CutAddressSpace(IEnumerable<CompiledRule> rules)
    {
        // A Calico rule that names no nets matches every address: it cuts nothing.
        var blocks = rules.Where(r => r.Ref.Layer != PolicyLayer.Calico || !r.External.Equals(IpSet.All))
            .SelectMany(r => Profile == AnalysisProfile.NetpolAnalyzer ? r.Blocks : [r.External]).Where(b => !b.IsEmpty).ToList();
        var includeV6 = Profile == AnalysisProfile.Default && blocks.Any(b => b.HasV6);
        var atoms = IpAtoms.Cut(blocks, includeV6);
        return Profile == AnalysisProfile.Default ? atoms.MergedBy(blocks.Distinct()) : atoms;
    }

    private Dictionary<string, Peer> CollectPeers()
    {
        var peers = new Dictionary<string, Peer>(StringComparer.Ordinal);
        for (var i = 0; i < Cluster.Workloads.Length; i++)
        {
            foreach (var peer in PeersOf(Cluster.Workloads[i])) peers.TryAdd(peer.Id, peer);
        }
        foreach (var peer in ExternalSources.Concat(ExternalDestinations))
        {
            peers.TryAdd(peer.Id, peer);
        }
        if (IngressControllerTraffic.Any(Cluster)) peers.TryAdd(IngressControllerPeer.Name, IngressControllerPeer.Instance);
        return peers;
    }

    private ImmutableArray<EngineNote> CollectNotes(bool ipV6Dropped)
    {
        var notes = ImmutableArray.CreateBuilder<EngineNote>();
        foreach (var workload in Cluster.Workloads.Where(w => w.HostNetwork))
        {
            notes.Add(HostNetworkNote(workload));
        }
        if (Cluster.Workloads.Where(w => w.ScaledToZero).Select(w => w.Id).ToList() is { Count: > 0 } scaledToZero)
        {
            notes.Add(new EngineNote("scaled-to-zero", $"scaled to 0, so running no pods (no peer, no Service backend): {string.Join(", ", scaledToZero)}"));
        }
        if (!IngressControllerWorkloads.IsEmpty && IngressControllerTraffic.Any(Cluster))
        {
            var byClass = IngressControllerWorkloads.Any(w => Cluster.IngressClasses.Any(c => IngressControllers.Runs(w, c)));
            var how = byClass ? "labelled as its IngressClass" : "named like one";
            notes.Add(new EngineNote("ingress-controller",
                $"{IngressControllerPeer.Name} is the pods of {string.Join(", ", IngressControllerWorkloads.Select(w => w.Id))} (the ingress controller in the input, {how}), so their policies and the rules that admit them decide Ingress and Route traffic"));
        }
        if (ipV6Dropped)
        {
            notes.Add(new EngineNote("ipv6-ignored", "profile netpol-analyzer ignores IPv6 address blocks"));
        }
        if (Profile == AnalysisProfile.NetpolAnalyzer && _anyAddressBlock && Cluster.Workloads.Any(w => w.Pods.Any(p => !p.Ips.IsDefaultOrEmpty)))
        {
            notes.Add(new EngineNote("pod-ip-ignored", "profile netpol-analyzer: ipBlocks never match pod IPs, only addresses outside the cluster"));
        }
        if (Cluster.AdminPolicies.Any(p => p.Ingress.Concat(p.Egress).SelectMany(r => r.Peers).Any(s => s is NodesSelector)))
        {
            notes.Add(new EngineNote("nodes-peer", "nodes peers of cluster policies match nothing: nodes are not part of the manifests"));
        }
        if (Cluster.AdminPolicies.Any(p => p.Ingress.Concat(p.Egress).SelectMany(r => r.Peers).Any(s => s is DomainNamesSelector)))
        {
            notes.Add(new EngineNote("domain-names-peer", "domainNames peers of cluster policies match nothing: name resolution is not part of the manifests"));
        }
        notes.AddRange(CalicoNotes());
        return notes.ToImmutable();
    }

    private static EngineNote HostNetworkNote(Workload workload) => new(
        "host-network",
        $"{workload.Id} uses the host network; it is analysed as an ordinary pod, although many network plugins do not apply policies to host-network pods",
        workload.Meta.Ref);

    private ImmutableArray<EngineNote> NotesFor(Peer source, Peer destination) =>
        [.. Notes.Where(n => n.Code switch
        {
            "host-network" => Concerns(n, source) || Concerns(n, destination),
            "ingress-controller" => source is IngressControllerPeer,
            _ => true,
        })];

    private static bool Concerns(EngineNote note, Peer peer) =>
        peer is WorkloadPeer w && note.Object == w.Workload.Meta.Ref;
}

/// <summary>A peer as evaluation sees it: a pod class, or addresses outside the cluster.</summary>
internal readonly record struct Endpoint(PodClass? Class, IpSet? Addresses)
{
    public static Endpoint Of(PodClass podClass) => new(podClass, null);

    public static Endpoint Of(IpSet addresses) => new(null, addresses);

    public bool IsMatchedBy(CompiledRule rule) => Class is { } c ? rule.Matches(c) : rule.Matches(Addresses!);
}
