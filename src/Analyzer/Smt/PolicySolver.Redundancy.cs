using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

public sealed partial class PolicySolver
{
    /// <summary>
    /// Is every connection the rule allows, for every pod in <paramref name="scope"/>, also
    /// allowed by other rules (of any policy) that apply to the same pod in the same direction?
    /// Isolation does not depend on rules, so this is exactly "removing the rule changes
    /// nothing on its side of the connection".
    /// </summary>
    public RuleRedundancy CheckRuleRedundancy(NetworkPolicy policy, PolicyDirections direction, int index, PodScope scope = PodScope.AnyPod)
    {
        var rule = new NetworkPolicyRuleRef(policy, direction, index);
        if (!policy.Isolates(direction)) return new RuleRedundancy(rule, scope, RuleRedundancyKind.IgnoredByPolicyTypes, [], null);
        var mine = _semantics.RuleAllows(policy, direction, index, _connection, 0);
        var others = OtherRules(rule);
        using var terms = _z3.OpenScope();
        var inScope = InScope(scope);
        var (othersAllow, assumptions) = Shares ? OthersWithout(rule) : (_z3.Or([.. others.Select(o => o.Allows)]), null);
        var witness = Solve([inScope, mine, _z3.Not(othersAllow)], m => _witnesses.Connection(m, _connection, 0), assumptions);
        if (witness is not null) return new RuleRedundancy(rule, scope, RuleRedundancyKind.NotRedundant, [], witness);
        if (!IsSatisfiable([inScope, mine])) return new RuleRedundancy(rule, scope, RuleRedundancyKind.AllowsNothing, [], null);
        return new RuleRedundancy(rule, scope, RuleRedundancyKind.Covered, MinimalCover([inScope, mine], others), null);
    }

    /// <summary>Every rule of every policy, in policy order, ingress before egress.</summary>
    public IReadOnlyList<RuleRedundancy> CheckAllRules(PodScope scope = PodScope.AnyPod)
    {
        var results = new List<RuleRedundancy>();
        foreach (var policy in _policies[0])
        {
            foreach (var direction in Directions)
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++) results.Add(CheckRuleRedundancy(policy, direction, i, scope));
            }
        }
        return results;
    }

    /// <summary>
    /// Does removing the policy change nothing: no pod loses isolation, and no connection
    /// between pods in <paramref name="scope"/> (or to and from outside addresses) changes?
    /// </summary>
    public PolicyRedundancy CheckPolicyRedundancy(NetworkPolicy policy, PodScope scope = PodScope.AnyPod)
    {
        var without = _policies[0].Where(p => !ReferenceEquals(p, policy)).ToImmutableArray();
        if (without.Length == _policies[0].Length) throw new ArgumentException("The policy is not part of the encoded cluster.", nameof(policy));
        using var terms = _z3.OpenScope();
        var inScope = InScope(scope);
        foreach (var direction in Directions)
        {
            if (!policy.Isolates(direction)) continue;
            var target = PolicySemantics.Target(direction, _connection);
            var unisolated = Shares
                ? Solve([inScope, _semantics.Selects(policy, target), _z3.Not(_isolatedWithout[direction])], m => _witnesses.Endpoint(m, target, 0), Without(policy))
                : Solve(
                    [inScope, _semantics.Selects(policy, target), _z3.Not(_semantics.Isolated(without, direction, target))],
                    m => _witnesses.Endpoint(m, target, 0));
            if (unisolated is not null) return new PolicyRedundancy(policy, scope, false, direction, unisolated, null, false);
        }
        // Past the isolation checks, every pod is isolated with and without the policy alike, and
        // a policy only adds allowances (the admin tiers on top only pass its verdict on), so
        // "allowed without" implies "allowed with": a changed connection is one allowed only with it.
        var with = _allowedWith ?? _allowed[0];
        var changed = Solve(
            [inScope, with, _z3.Not(_allowedWithout ?? _semantics.Allowed(without, _connection, 0))],
            m => (Connection: _witnesses.Connection(m, _connection, 0), Allowed: m.EvaluateBool(with)).ToTuple(),
            Shares ? Without(policy) : null);
        return changed is null
            ? new PolicyRedundancy(policy, scope, true, PolicyDirections.None, null, null, false)
            : new PolicyRedundancy(policy, scope, false, PolicyDirections.None, null, changed.Item1, changed.Item2);
    }

    /// <summary>
    /// The other rules of the same direction that could apply to the same pod: only policies
    /// of the rule's own namespace can select it, which keeps each check small in big clusters.
    /// </summary>
    private List<(NetworkPolicyRuleRef Rule, Term Allows)> OtherRules(NetworkPolicyRuleRef rule)
    {
        var others = new List<(NetworkPolicyRuleRef, Term)>();
        foreach (var policy in _policies[0])
        {
            if (!policy.Isolates(rule.Direction) || policy.Namespace != rule.Policy.Namespace) continue;
            for (var i = 0; i < policy.Rules(rule.Direction).Length; i++)
            {
                if (ReferenceEquals(policy, rule.Policy) && i == rule.Index) continue;
                others.Add((new NetworkPolicyRuleRef(policy, rule.Direction, i), _semantics.RuleAllows(policy, rule.Direction, i, _connection, 0)));
            }
        }
        return others;
    }

    /// <summary>
    /// A set of other rules that covers the rule and from which no rule can be dropped: one
    /// indicator per rule ("this rule does not allow it"), an unsat core over the indicators,
    /// then deletion of each core member that is not needed.
    /// </summary>
    private ImmutableArray<TRule> MinimalCover<TRule>(IReadOnlyList<Term> covered, List<(TRule Rule, Term Allows)> others)
    {
        _solver.Push();
        try
        {
            foreach (var term in covered) _solver.Assert(term);
            var indicators = new List<Term>(others.Count);
            for (var i = 0; i < others.Count; i++)
            {
                var indicator = _z3.BoolConst($"cover!{i}");
                indicators.Add(indicator);
                _solver.Assert(_z3.Implies(indicator, _z3.Not(others[i].Allows)));
            }
            if (Decide(_solver.Check(indicators))) throw new InvalidOperationException("The rule is not covered.");
            var core = _solver.UnsatCore(indicators).ToList();
            for (var i = core.Count - 1; i >= 0; i--)
            {
                var trial = core.Where((_, j) => j != i).ToList();
                if (!Decide(_solver.Check(trial))) core = trial;
            }
            var inCore = new HashSet<Term>(core, ReferenceEqualityComparer.Instance);
            return [.. others.Where((_, i) => inCore.Contains(indicators[i])).Select(o => o.Rule)];
        }
        finally
        {
            _solver.Pop();
        }
    }
}
