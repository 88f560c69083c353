using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class NamespaceWithoutDefaultDenyRuleTests
{
    private static readonly NamespaceWithoutDefaultDenyRule Rule = new();

    [Fact]
    public void Fires_for_egress_when_only_ingress_is_denied_by_default_at_the_namespace()
    {
        var cluster = new ClusterBuilder()
            .Namespace("shop")
            .Workload("shop", "web")
            .Policy("shop", "deny-in", p => p.Select().PolicyTypes(PolicyDirections.Ingress))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.Namespaces[0].Meta.Span, finding.Span);
        Assert.Equal(cluster.Namespaces[0].Meta.Ref, finding.Object);
        Assert.Contains("no default-deny policy for egress", finding.Message);
    }

    [Fact]
    public void Points_at_the_first_workload_when_the_namespace_is_not_declared()
    {
        var cluster = new ClusterBuilder().Workload("shop", "web").Build();

        var findings = RuleRun.Analyze(Rule, cluster);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(cluster.Workloads[0].Meta.Span, f.Span));
    }

    [Fact]
    public void A_policy_that_allows_something_or_selects_some_pods_is_no_default_deny()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "allow-in", p => p.Select().Ingress(r => r.Port(80)))
            .Policy("shop", "deny-web", p => p.Select(("app", "web")).PolicyTypes(PolicyDirections.Both))
            .Build();

        Assert.Equal(2, RuleRun.Analyze(Rule, cluster).Count);
    }

    [Fact]
    public void Does_not_fire_with_a_default_deny_for_both_directions_or_without_workloads()
    {
        var cluster = new ClusterBuilder()
            .Namespace("empty")
            .Workload("shop", "web")
            .Policy("shop", "deny-all", p => p.Select().PolicyTypes(PolicyDirections.Both))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
