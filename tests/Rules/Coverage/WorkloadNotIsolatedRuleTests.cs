using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class WorkloadNotIsolatedRuleTests
{
    private static readonly WorkloadNotIsolatedRule Rule = new();

    [Fact]
    public void Fires_once_per_direction_for_a_workload_no_policy_selects()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "db-only", p => p.Select(("app", "db")).PolicyTypes(PolicyDirections.Both))
            .Build();

        var findings = RuleRun.Analyze(Rule, cluster);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(cluster.Workloads[0].Meta.Span, f.Span));
        Assert.Contains("Deployment shop/web is not isolated for ingress", findings[0].Message);
        Assert.Contains("Deployment shop/web is not isolated for egress", findings[1].Message);
    }

    [Fact]
    public void Reports_only_the_direction_that_is_missing()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "web-in", p => p.Select(("app", "web")).Ingress(r => r.Port(80)))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));
        Assert.Contains("not isolated for egress", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_policies_isolate_both_directions()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "deny-all", p => p.Select().PolicyTypes(PolicyDirections.Both))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void A_policy_of_another_namespace_does_not_isolate()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("other", "deny-all", p => p.Select().PolicyTypes(PolicyDirections.Both))
            .Build();

        Assert.Equal(2, RuleRun.Analyze(Rule, cluster).Count);
    }
}
