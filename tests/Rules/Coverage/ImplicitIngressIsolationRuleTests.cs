using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class ImplicitIngressIsolationRuleTests
{
    private static readonly ImplicitIngressIsolationRule Rule = new();

    [Fact]
    public void Fires_on_egress_rules_without_policy_types()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "egress-only", p => p.Select(("app", "web")).Egress(r => r.Port(443)))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[0].Meta.Span, finding.Span);
        Assert.Contains("NetworkPolicy shop/egress-only", finding.Message);
        Assert.Contains("policyTypes: [Egress]", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_policy_types_are_declared()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "egress-only", p => p.Select(("app", "web")).PolicyTypes(PolicyDirections.Egress).Egress(r => r.Port(443)))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_when_the_policy_also_has_ingress_rules()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "both", p => p.Select(("app", "web")).Ingress(r => r.Port(80)).Egress(r => r.Port(443)))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
