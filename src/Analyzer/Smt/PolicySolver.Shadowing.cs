using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

public sealed partial class PolicySolver
{
    /// <summary>
    /// Does the cluster policy rule ever decide a connection, for pods in <paramref name="scope"/>?
    /// Earlier rules decide first whatever their action (Pass too: it skips the rest of the
    /// tier): in either tier, the rules of policies of that tier with a lower priority number
    /// and the earlier rules of the same policy (a BaselineAdminNetworkPolicy is alone in its
    /// tier; Baseline ClusterNetworkPolicies have priorities). Two policies with the same
    /// priority have no defined order, so neither shadows the other.
    /// </summary>
    public AdminRuleShadowing CheckAdminRuleShadowing(AdminPolicy policy, PolicyDirections direction, int index, PodScope scope = PodScope.AnyPod)
    {
        var rule = new AdminRuleRef(policy, direction, index);
        using var terms = _z3.OpenScope();
        var mine = _semantics.AdminRuleMatches(policy, rule.Rule, _connection, 0);
        var earlier = EarlierAdminRules(rule);
        var inScope = InScope(scope);
        var witness = Solve([inScope, mine, _z3.Not(_z3.Or([.. earlier.Select(e => e.Allows)]))], m => _witnesses.Connection(m, _connection, 0));
        if (witness is not null) return new AdminRuleShadowing(rule, scope, AdminShadowingKind.NotShadowed, [], witness);
        if (!IsSatisfiable([inScope, mine])) return new AdminRuleShadowing(rule, scope, AdminShadowingKind.MatchesNothing, [], null);
        return new AdminRuleShadowing(rule, scope, AdminShadowingKind.Shadowed, MinimalCover([inScope, mine], earlier), null);
    }

    /// <summary>Every rule of every cluster policy, in input order, ingress before egress.</summary>
    public IReadOnlyList<AdminRuleShadowing> CheckAllAdminRules(PodScope scope = PodScope.AnyPod)
    {
        var results = new List<AdminRuleShadowing>();
        foreach (var policy in AdminPolicies)
        {
            foreach (var direction in Directions)
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++) results.Add(CheckAdminRuleShadowing(policy, direction, i, scope));
            }
        }
        return results;
    }

    private IEnumerable<AdminPolicy> AdminPolicies => Cluster.AdminPolicies;

    private List<(AdminRuleRef Rule, Term Allows)> EarlierAdminRules(AdminRuleRef rule)
    {
        var earlier = new List<(AdminRuleRef, Term)>();
        foreach (var policy in AdminPolicies)
        {
            if (policy.Tier != rule.Policy.Tier) continue;
            var count = ReferenceEquals(policy, rule.Policy) ? rule.Index
                : policy.Priority < rule.Policy.Priority ? policy.Rules(rule.Direction).Length
                : 0;
            for (var i = 0; i < count; i++)
            {
                var other = policy.Rules(rule.Direction)[i];
                earlier.Add((new AdminRuleRef(policy, rule.Direction, i), _semantics.AdminRuleMatches(policy, other, _connection, 0)));
            }
        }
        return earlier;
    }
}
