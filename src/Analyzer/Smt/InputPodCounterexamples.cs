using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// What the input pods decide without the solver, by exact set computation on the reachability
/// engine's pod classes and compiled rules: every NetworkPolicy rule's whole answer for the
/// input pods (InputPodCounterexamples.Rules.cs), and "not redundant" for the policies one pod
/// or connection settles. It never answers "redundant" for a policy: what it cannot refute goes
/// to the solver (<see cref="ScopedQuestions"/>). <c>InputPodCounterexamplesTests</c> checks on
/// random clusters that the solver agrees with every answer it gives.
/// <para>
/// A rule not redundant for the input pods is not redundant for every pod either: the input
/// pods are pods that could exist (the argument of <see cref="PolicySolver.CheckRuleRedundancy"/>'s
/// two scopes).
/// </para>
/// <para>
/// A policy (every possible pod): an input pod it isolates that no other policy isolates, or a
/// pod without labels in its namespace (<see cref="UnlabelledPod"/>) that it isolates and no
/// other policy does; or,
/// with no AdminNetworkPolicy or BaselineAdminNetworkPolicy in the input (with them the final
/// verdict is not the NetworkPolicies' alone and the solver decides), a connection only its rules
/// allow at a pod it selects that the other end allows as well: an outside address, an input pod
/// whose own policies allow it, or a pod just like an input pod in a namespace that is not in the
/// input (<see cref="FreshTwin"/>), which no NetworkPolicy isolates.
/// </para>
/// <para>
/// A class's pods answer every selector alike (see PodClass), so its representative stands for
/// each of them; a connection may join a class to itself, as the solver's input pod classes do
/// (and, for every pod, a second pod like the first could exist). For policies, outside
/// addresses are tried under profile Default only. Answers carry no witness: no lint rule reads
/// the witness of an answer the input pods settle (redundant-rule prints the every-pod witness
/// of rules covered for the input pods only, which the solver answers).
/// </para>
/// </summary>
internal sealed partial class InputPodCounterexamples
{
    /// <summary>Not a valid namespace name, so no input namespace and no selector value can be it.</summary>
    private const string FreshNamespace = "~namespace-not-in-the-input";

    private static readonly PolicyDirections[] Directions = [PolicyDirections.Ingress, PolicyDirections.Egress];

    private readonly Dictionary<NetworkPolicy, CompiledPolicy> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly ILookup<string, NetworkPolicy> _byNamespace;
    private readonly ILookup<string, PodClass> _classesByNamespace;
    private readonly ImmutableArray<PodClass> _classes;
    private readonly PeerSets _peers;
    private readonly ReachabilityEngine _engine;
    private readonly PodClass?[] _freshTwins;
    private readonly CompiledPolicy[]?[] _isolatingIngress;
    private readonly CompiledPolicy[]?[] _isolatingEgress;

    /// <summary>Whether the NetworkPolicies alone give the final verdict (no cluster-scoped policy around them).</summary>
    private readonly bool _networkPoliciesDecide;

    public InputPodCounterexamples(Cluster cluster, ReachabilityEngine engine)
    {
        _engine = engine;
        var policies = cluster.NetworkPolicies.IsDefault ? [] : cluster.NetworkPolicies;
        // Compiled in input order, one per NetworkPolicy, under the engine's profile.
        var compiled = new PolicyCompiler(engine.Profile).Compile(cluster with { NetworkPolicies = policies, AdminPolicies = [] });
        for (var i = 0; i < policies.Length; i++) _compiled[policies[i]] = compiled[i];
        _byNamespace = policies.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        _classes = engine.Classes.All;
        _classesByNamespace = _classes.Where(c => !c.IsIngressController).ToLookup(c => c.Namespace, StringComparer.Ordinal);
        _peers = new PeerSets(engine.Classes, engine.IngressAtoms, engine.EgressAtoms);
        _freshTwins = new PodClass?[_classes.Length];
        _isolatingIngress = new CompiledPolicy[]?[_classes.Length];
        _isolatingEgress = new CompiledPolicy[]?[_classes.Length];
        _networkPoliciesDecide = cluster.AdminPolicies.IsDefaultOrEmpty;
    }

    /// <summary>Whether an input pod matches the policy's podSelector (then the verdict needs no solver), else null.</summary>
    public SelectorSatisfiability? SelectsInputPods(NetworkPolicy policy) =>
        Subjects(policy).Any() ? new SelectorSatisfiability(SelectorVerdict.MatchesInputPods, null, null) : null;

    /// <summary>The policy's answer when some pod or connection shows that removing it changes something (not redundant), else null.</summary>
    public PolicyRedundancy? NotRedundant(NetworkPolicy policy, PodScope scope)
    {
        var compiled = _compiled[policy];
        foreach (var direction in Directions.Where(policy.Isolates))
        {
            foreach (var subject in Subjects(policy).Append(UnlabelledPod(policy.Namespace)).Where(compiled.AppliesTo))
            {
                if (!IsolatingPolicies(subject, direction).Any(p => !ReferenceEquals(p, compiled)))
                {
                    return new PolicyRedundancy(policy, scope, false, direction, null, null, false);
                }
            }
        }
        if (!_networkPoliciesDecide) return null;
        foreach (var direction in Directions.Where(policy.Isolates))
        {
            var own = WithPeers(compiled.Rules(direction));
            foreach (var subject in Subjects(policy))
            {
                // Past the loop above, the subject stays isolated without the policy.
                var others = WithPeers(IsolatingPolicies(subject, direction).Where(p => !ReferenceEquals(p, compiled)).SelectMany(p => p.Rules(direction)));
                // A peer several of the policy's rules name is weighed once: against all of them.
                var weighed = new HashSet<int>();
                foreach (var rule in compiled.Rules(direction))
                {
                    foreach (var (index, peer) in Peers(rule))
                    {
                        if (!weighed.Add(index)) continue;
                        if (ChangesWithout(own, direction, subject, others, index, peer)
                            || (peer.Class is { } podClass && ChangesWithout(own, direction, subject, others, -1, Endpoint.Of(FreshTwin(podClass)))))
                        {
                            return new PolicyRedundancy(policy, scope, false, PolicyDirections.None, null, null, true);
                        }
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the connection between the subject and the peer on some port is allowed with the
    /// policy and denied without it: only the policy allows it at the subject's end (which stays
    /// isolated), and the peer's end allows it.
    /// </summary>
    /// <remarks><paramref name="index"/>: the peer's index in the engine's peer sets, -1 for a peer not in them (see Names).</remarks>
    private bool ChangesWithout(List<(CompiledRule Rule, int[] Peers)> policy, PolicyDirections direction, PodClass subject, List<(CompiledRule Rule, int[] Peers)> others, int index, Endpoint peer)
    {
        var destination = Destination(direction, subject, peer);
        var onlyThisPolicy = ConnectionSet.Empty;
        foreach (var (rule, peers) in policy)
        {
            if (Names(peers, rule, index, peer)) onlyThisPolicy = onlyThisPolicy.Union(rule.PortsFor(destination));
        }
        foreach (var (rule, peers) in others)
        {
            if (onlyThisPolicy.IsEmpty) return false;
            if (Names(peers, rule, index, peer)) onlyThisPolicy = onlyThisPolicy.Subtract(rule.PortsFor(destination));
        }
        if (onlyThisPolicy.IsEmpty) return false;
        return peer.Class is not { } podClass || onlyThisPolicy.Overlaps(AllowedAt(podClass, Opposite(direction), subject, destination));
    }

    /// <summary>
    /// What the NetworkPolicies allow at <paramref name="subject"/>'s end towards
    /// <paramref name="peer"/>: everything when none isolates it (a fresh twin's namespace has
    /// none), else what the isolating policies' rules allow.
    /// </summary>
    private ConnectionSet AllowedAt(PodClass subject, PolicyDirections direction, PodClass peer, PodClass? destination)
    {
        var isolating = IsolatingPolicies(subject, direction);
        return isolating.Length == 0 ? ConnectionSet.All : Allowed(isolating.SelectMany(p => p.Rules(direction)), Endpoint.Of(peer), destination);
    }

    private static ConnectionSet Allowed(IEnumerable<CompiledRule> rules, Endpoint peer, PodClass? destination)
    {
        var allowed = ConnectionSet.Empty;
        foreach (var rule in rules)
        {
            if (peer.IsMatchedBy(rule)) allowed = allowed.Union(rule.PortsFor(destination));
        }
        return allowed;
    }

    /// <summary>The rules with their engine peer sets, looked up once.</summary>
    private List<(CompiledRule Rule, int[] Peers)> WithPeers(IEnumerable<CompiledRule> rules) => [.. rules.Select(r => (r, _peers.Of(r)))];

    /// <summary>Ports resolve on the destination: the subject for ingress, the peer (null for an address) for egress.</summary>
    private static PodClass? Destination(PolicyDirections direction, PodClass subject, Endpoint peer) =>
        direction == PolicyDirections.Ingress ? subject : peer.Class;

    private static PolicyDirections Opposite(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? PolicyDirections.Egress : PolicyDirections.Ingress;

    /// <summary>The input pod classes the policy selects (of its own namespace).</summary>
    private IEnumerable<PodClass> Subjects(NetworkPolicy policy)
    {
        var compiled = _compiled[policy];
        return _classesByNamespace[policy.Namespace].Where(compiled.AppliesTo);
    }

    /// <summary>
    /// The NetworkPolicies of the class's namespace that select it and isolate the direction
    /// (the one asked about included); computed once per class. Threads may compute an entry at
    /// the same time; they compute equal arrays.
    /// </summary>
    private CompiledPolicy[] IsolatingPolicies(PodClass subject, PolicyDirections direction)
    {
        if (subject.Namespace == FreshNamespace) return [];
        if (subject.Index >= _classes.Length) return Isolating(subject, direction);
        var cache = direction == PolicyDirections.Ingress ? _isolatingIngress : _isolatingEgress;
        return cache[subject.Index] ??= Isolating(subject, direction);
    }

    private CompiledPolicy[] Isolating(PodClass subject, PolicyDirections direction) =>
        [.. _byNamespace[subject.Namespace].Where(p => p.Isolates(direction)).Select(p => _compiled[p]).Where(p => p.AppliesTo(subject))];

    /// <summary>
    /// A pod without labels, container ports or IP in the namespace: a pod that could exist,
    /// selected exactly by the policies whose podSelector matches the empty label set.
    /// </summary>
    private PodClass UnlabelledPod(string namespaceName) =>
        new(2 * _classes.Length, namespaceName, Labels.Empty, new Pod("~unlabelled", Labels.Empty, [], false, [], SourceSpan.None), false, -1);


    /// <summary>
    /// The endpoints the rule names, from the engine's peer sets, with their index there: input
    /// pod classes (see the class comment), then, under profile Default, outside address ranges
    /// (each wholly inside or outside every rule's ipBlocks of the direction).
    /// </summary>
    private IEnumerable<(int Index, Endpoint Peer)> Peers(CompiledRule rule)
    {
        var groups = rule.Ref.Direction == PolicyDirections.Ingress ? _engine.IngressAtoms.Groups : _engine.EgressAtoms.Groups;
        foreach (var index in _peers.Of(rule))
        {
            if (index < _classes.Length)
            {
                var podClass = _classes[index];
                if (!podClass.IsIngressController) yield return (index, Endpoint.Of(podClass));
            }
            else if (_engine.Profile == AnalysisProfile.Default)
            {
                yield return (index, Endpoint.Of(groups[index - _classes.Length]));
            }
        }
    }

    /// <summary>
    /// A pod like the class's representative (labels, container ports, host network; no IP) in a
    /// namespace that is not in the input and that no policy names, labelled like the class's
    /// namespace (but for its name): a pod that could exist, with no NetworkPolicy of its own.
    /// </summary>
    private PodClass FreshTwin(PodClass podClass) =>
        _freshTwins[podClass.Index] ??= new PodClass(
            _classes.Length + podClass.Index,
            FreshNamespace,
            podClass.NamespaceLabels.With(Namespace.NameLabel, FreshNamespace),
            podClass.Representative with { Ips = [] },
            false,
            podClass.PortProfile);
}
