using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// The every-pod questions about one namespace's NetworkPolicies answered by set computation
/// (<see cref="ExactSemantics"/>), without building a solver encoding: whether each rule is
/// redundant for every pod, with a minimal cover, and whether each policy is redundant. A null
/// answer is one left to the solver: a question whose subtraction grows past
/// <see cref="CubeLimit"/> cubes. Built for a scope (<see cref="PolicyScope.ForNamespace"/>),
/// so the answers are the scoped solver's (the differential tests compare them with the
/// whole cluster's). Witness connections are not made: a caller that
/// prints one asks the solver for it (see ScopedQuestions).
/// </summary>
internal sealed class ExactEveryPodAnswers
{
    /// <summary>How many cubes one subtraction may hold before the question goes to the solver.</summary>
    public const int CubeLimit = 4096;

    private readonly Cluster _scope;
    private readonly ImmutableArray<NetworkPolicy> _policies;
    private readonly ExactSemantics _semantics;
    private readonly Dictionary<NetworkPolicy, CubeUnion?[]>[] _rules = [new(ReferenceEqualityComparer.Instance), new(ReferenceEqualityComparer.Instance)];
    private readonly Dictionary<NetworkPolicy, CubeUnion>[] _selects = [new(ReferenceEqualityComparer.Instance), new(ReferenceEqualityComparer.Instance)];
    private readonly Dictionary<PolicyDirections, CubeUnion?> _sideAllows = [];

    private ExactEveryPodAnswers(Cluster scope, string namespaceName, AnalysisProfile profile, DeclaredNamespaces declared)
    {
        _scope = scope;
        _policies = [.. scope.NetworkPolicies.Where(p => p.Namespace == namespaceName)];
        // The policies' vocabulary alone: ExactSemantics classes the namespaces they do not name.
        _semantics = new ExactSemantics(Vocabulary.Build([scope with { Namespaces = [], Workloads = [] }], [], []), declared, profile);
    }

    /// <summary>The answers for <paramref name="namespaceName"/>'s policies in <paramref name="scope"/>; null where NetworkPolicies alone do not decide.</summary>
    /// <param name="declared">The cluster's declared namespaces, when the caller asks about many namespaces (gathered from the scope otherwise).</param>
    public static ExactEveryPodAnswers? For(Cluster scope, string namespaceName, AnalysisProfile profile, DeclaredNamespaces? declared = null) =>
        ExactSemantics.Models(scope) ? new ExactEveryPodAnswers(scope, namespaceName, profile, declared ?? DeclaredNamespaces.Of(scope)) : null;

    private CubeUnion Universe => _semantics.Universe;

    /// <summary>
    /// PolicySolver.CheckRuleRedundancy for every pod: not redundant when some connection the
    /// rule allows no other rule of the namespace's policies (isolating that direction) allows;
    /// else AllowsNothing when it allows none at all; else Covered by a minimal set of them.
    /// </summary>
    public RuleRedundancy? Rule(NetworkPolicyRuleRef rule)
    {
        if (!rule.Policy.Isolates(rule.Direction)) return new RuleRedundancy(rule, PodScope.AnyPod, RuleRedundancyKind.IgnoredByPolicyTypes, [], null);
        var mine = Allows(rule);
        if (!mine.Meets(Universe)) return new RuleRedundancy(rule, PodScope.AnyPod, RuleRedundancyKind.AllowsNothing, [], null);
        var others = OtherRules(rule).Where(o => Allows(o).Meets(mine)).ToList();
        switch (mine.IsSubsetOf(CubeUnion.UnionOf(others.Select(Allows)), Universe, CubeLimit))
        {
            case null: return null;
            case false: return new RuleRedundancy(rule, PodScope.AnyPod, RuleRedundancyKind.NotRedundant, [], null);
        }
        return MinimalCover(mine, others) is { } cover ? new RuleRedundancy(rule, PodScope.AnyPod, RuleRedundancyKind.Covered, cover, null) : null;
    }

    /// <summary>
    /// PolicySolver.CheckPolicyRedundancy for every pod. Not redundant when, without the policy,
    /// some pod it selects is no longer isolated in a direction it isolates. Otherwise, a
    /// connection is allowed when both ends allow it, and removing the policy only takes
    /// allowances from its own side, so a connection changes exactly where one of the policy's
    /// rules allows what no rule of the namespace's other policies does, and the other end
    /// (with the policy) allows it: not redundant when there is such a connection, redundant when
    /// there is none in either direction.
    /// </summary>
    public PolicyRedundancy? Policy(NetworkPolicy policy)
    {
        foreach (var direction in Directions)
        {
            if (!policy.Isolates(direction)) continue;
            var isolatedWithout = CubeUnion.UnionOf(_policies.Where(p => !ReferenceEquals(p, policy) && p.Isolates(direction)).Select(p => Selects(p, direction)));
            switch (Selects(policy, direction).IsSubsetOf(isolatedWithout, Universe, CubeLimit))
            {
                case null: return null;
                case false: return new PolicyRedundancy(policy, PodScope.AnyPod, false, direction, null, null, false);
            }
        }
        foreach (var direction in Directions)
        {
            var mine = CubeUnion.UnionOf(RulesOf(policy, direction).Select(Allows));
            if (mine.IsEmpty) continue;
            var others = CubeUnion.UnionOf(_policies.Where(p => !ReferenceEquals(p, policy)).SelectMany(p => RulesOf(p, direction)).Select(Allows));
            if (mine.Subtract(others, CubeLimit) is not { } changed) return null;
            if (changed.IsEmpty) continue;
            if (SideAllows(Opposite(direction)) is not { } otherEnd) return null;
            if (changed.MeetsBoth(otherEnd, Universe)) return new PolicyRedundancy(policy, PodScope.AnyPod, false, PolicyDirections.None, null, null, true);
        }
        return new PolicyRedundancy(policy, PodScope.AnyPod, true, PolicyDirections.None, null, null, false);
    }

    /// <summary>
    /// A set of the other rules that covers the rule and from which no rule can be dropped:
    /// those whose connections meet the rule's (in the solver's order of other rules), then,
    /// last to first, each one the others still cover without is dropped, as PolicySolver's
    /// MinimalCover deletes from its core.
    /// </summary>
    private ImmutableArray<NetworkPolicyRuleRef>? MinimalCover(CubeUnion mine, List<NetworkPolicyRuleRef> candidates)
    {
        var cover = new List<NetworkPolicyRuleRef>(candidates);
        for (var i = cover.Count - 1; i >= 0; i--)
        {
            var trial = cover.Where((_, j) => j != i).ToList();
            switch (mine.IsSubsetOf(CubeUnion.UnionOf(trial.Select(Allows)), Universe, CubeLimit))
            {
                case null: return null;
                case true: cover = trial; break;
            }
        }
        return [.. cover];
    }

    /// <summary>
    /// PolicySemantics.SideAllows with every policy of the scope: the endpoint of the direction
    /// is not a pod, is not isolated in it, or some rule allows the connection. Null past the limit.
    /// </summary>
    private CubeUnion? SideAllows(PolicyDirections direction)
    {
        if (!_sideAllows.TryGetValue(direction, out var allows))
        {
            var rules = CubeUnion.UnionOf(_scope.NetworkPolicies.SelectMany(p => RulesOf(p, direction)).Select(Allows));
            allows = _semantics.NotIsolated(_scope.NetworkPolicies, direction, CubeLimit)?.Union(rules);
            _sideAllows[direction] = allows;
        }
        return allows;
    }

    /// <summary>PolicySolver's OtherRules: rules of the namespace's policies that isolate the direction, in policy order.</summary>
    private IEnumerable<NetworkPolicyRuleRef> OtherRules(NetworkPolicyRuleRef rule) =>
        _policies.Where(p => p.Isolates(rule.Direction)).SelectMany(p => RulesOf(p, rule.Direction))
            .Where(r => !ReferenceEquals(r.Policy, rule.Policy) || r.Index != rule.Index);

    private static IEnumerable<NetworkPolicyRuleRef> RulesOf(NetworkPolicy policy, PolicyDirections direction) =>
        Enumerable.Range(0, policy.Rules(direction).Length).Select(i => new NetworkPolicyRuleRef(policy, direction, i));

    private static PolicyDirections Opposite(PolicyDirections direction) =>
        direction == PolicyDirections.Ingress ? PolicyDirections.Egress : PolicyDirections.Ingress;

    /// <summary>What the rule allows, made once (caches keyed by the policy object, as the solver's are).</summary>
    private CubeUnion Allows(NetworkPolicyRuleRef rule)
    {
        var byPolicy = _rules[rule.Direction == PolicyDirections.Ingress ? 0 : 1];
        if (!byPolicy.TryGetValue(rule.Policy, out var rules))
        {
            rules = new CubeUnion?[rule.Policy.Rules(rule.Direction).Length];
            byPolicy[rule.Policy] = rules;
        }
        return rules[rule.Index] ??= _semantics.RuleAllows(rule.Policy, rule.Direction, rule.Index);
    }

    private CubeUnion Selects(NetworkPolicy policy, PolicyDirections direction)
    {
        var byPolicy = _selects[direction == PolicyDirections.Ingress ? 0 : 1];
        if (!byPolicy.TryGetValue(policy, out var selects))
        {
            selects = _semantics.Selects(policy, direction);
            byPolicy[policy] = selects;
        }
        return selects;
    }

    private static readonly PolicyDirections[] Directions = [PolicyDirections.Ingress, PolicyDirections.Egress];
}
