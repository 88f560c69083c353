using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class PolicySelectsNothingRuleTests
{
    private static readonly PolicySelectsNothingRule Rule = new();

    [Fact]
    public void Fires_on_a_mistyped_selector_at_the_pod_selector()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "allow-web", p => p.Select(("app", "wbe")).Ingress())
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        var policy = cluster.NetworkPolicies[0];
        Assert.Equal("policy-selects-nothing", finding.RuleId);
        Assert.Equal(policy.PodSelector.Span, finding.Span);
        Assert.Equal(policy.Meta.Ref, finding.Object);
        Assert.Contains("app=wbe", finding.Message);
        Assert.Contains("namespace shop", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_a_workload_in_the_namespace_matches()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "allow-web", p => p.Select(("app", "web")).Ingress())
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Fires_when_the_matching_workload_is_in_another_namespace()
    {
        var cluster = new ClusterBuilder()
            .Workload("other", "web")
            .Policy("shop", "allow-web", p => p.Select(("app", "web")).Ingress())
            .Build();

        Assert.Single(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_on_an_empty_selector_in_a_namespace_without_workloads()
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "default-deny", p => p.Select().Ingress())
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
