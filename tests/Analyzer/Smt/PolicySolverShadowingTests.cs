using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

public sealed class PolicySolverShadowingTests
{
    private static AdminPolicy Find(Cluster cluster, string name) => cluster.AdminPolicies.Single(p => p.Name == name);

    [Fact]
    public void Later_rule_inside_an_earlier_rule_of_the_same_policy_is_shadowed()
    {
        var cluster = WithPolicies(Admin("a", 10, """
            subject: {namespaces: {matchLabels: {team: a}}}
            ingress:
            - name: deny-dev
              action: Deny
              from: [{namespaces: {matchLabels: {team: b}}}]
            - name: allow-dev-web
              action: Allow
              from: [{pods: {namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: web}}}}]
              ports: [{portNumber: {protocol: TCP, port: 80}}]
            """));
        using var encoding = PolicySolver.Create(cluster);

        var result = encoding.CheckAdminRuleShadowing(Find(cluster, "a"), PolicyDirections.Ingress, 1);

        Assert.Equal(AdminShadowingKind.Shadowed, result.Kind);
        var by = Assert.Single(result.ShadowingRules);
        Assert.Equal(0, by.Index);
        Assert.Contains("\"deny-dev\"", by.ToString());
        Assert.Equal(AdminShadowingKind.NotShadowed, encoding.CheckAdminRuleShadowing(Find(cluster, "a"), PolicyDirections.Ingress, 0).Kind);
    }

    [Fact]
    public void Higher_priority_policy_shadows_and_lower_or_equal_priority_does_not()
    {
        const string broad = """
            subject: {namespaces: {}}
            ingress:
            - {name: pass-all, action: Pass, from: [{namespaces: {}}]}
            """;
        const string narrow = """
            subject: {namespaces: {matchLabels: {team: a}}}
            ingress:
            - {name: allow, action: Allow, from: [{namespaces: {matchLabels: {team: b}}}]}
            """;
        var cluster = WithPolicies(Admin("first", 5, broad), Admin("second", 50, narrow), Admin("tie", 50, broad));
        using var encoding = PolicySolver.Create(cluster);

        var second = encoding.CheckAdminRuleShadowing(Find(cluster, "second"), PolicyDirections.Ingress, 0);
        Assert.Equal(AdminShadowingKind.Shadowed, second.Kind);
        Assert.Equal("first", Assert.Single(second.ShadowingRules).Policy.Name);

        Assert.Equal(AdminShadowingKind.NotShadowed, encoding.CheckAdminRuleShadowing(Find(cluster, "first"), PolicyDirections.Ingress, 0).Kind);
        var tie = encoding.CheckAdminRuleShadowing(Find(cluster, "tie"), PolicyDirections.Ingress, 0);
        Assert.Equal(AdminShadowingKind.Shadowed, tie.Kind);
        Assert.Equal("first", Assert.Single(tie.ShadowingRules).Policy.Name);
    }

    [Fact]
    public void Partly_covered_rule_is_not_shadowed_and_the_witness_is_the_uncovered_part()
    {
        var cluster = WithPolicies(Admin("a", 10, """
            subject: {namespaces: {}}
            egress:
            - {name: web, action: Allow, to: [{networks: [10.0.0.0/8]}], ports: [{portNumber: {protocol: TCP, port: 443}}]}
            - {name: range, action: Deny, to: [{networks: [10.0.0.0/8]}], ports: [{portRange: {protocol: TCP, start: 400, end: 500}}]}
            """));
        using var encoding = PolicySolver.Create(cluster, new SmtOptions(AnalysisProfile.NetpolAnalyzer));
        var result = encoding.CheckAdminRuleShadowing(Find(cluster, "a"), PolicyDirections.Egress, 1);
        Assert.Equal(AdminShadowingKind.NotShadowed, result.Kind);
        Assert.NotEqual(443, result.Witness!.Port);
        Assert.InRange(result.Witness.Port, 400, 500);
        Assert.False(result.Witness.Destination.IsPod);
    }

    [Fact]
    public void Baseline_rules_are_shadowed_only_within_the_baseline_policy()
    {
        var cluster = WithPolicies(
            Admin("a", 1, """
                subject: {namespaces: {}}
                ingress:
                - {name: all, action: Allow, from: [{namespaces: {}}]}
                """),
            Baseline("""
                subject: {namespaces: {}}
                ingress:
                - {name: deny-b, action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}
                - {name: deny-b-web, action: Deny, from: [{pods: {namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: web}}}}]}
                """));
        using var encoding = PolicySolver.Create(cluster);
        var results = encoding.CheckAllAdminRules();
        Assert.Equal(3, results.Count);
        Assert.Equal(AdminShadowingKind.NotShadowed, results[0].Kind);
        Assert.Equal(AdminShadowingKind.NotShadowed, results[1].Kind);
        Assert.Equal(AdminShadowingKind.Shadowed, results[2].Kind);
        Assert.Equal("deny-b", Assert.Single(results[2].ShadowingRules).Rule.Name);
    }

    [Fact]
    public void Rule_with_only_nodes_peers_matches_nothing()
    {
        var cluster = WithPolicies(Admin("a", 10, """
            subject: {namespaces: {}}
            egress:
            - {name: nodes, action: Deny, to: [{nodes: {matchLabels: {role: control-plane}}}]}
            """));
        using var encoding = PolicySolver.Create(cluster);
        Assert.Equal(AdminShadowingKind.MatchesNothing, encoding.CheckAdminRuleShadowing(Find(cluster, "a"), PolicyDirections.Egress, 0).Kind);
    }
}
