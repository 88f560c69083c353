using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class ServiceUnreachableRuleTests
{
    private static readonly ServiceUnreachableRule Rule = new();

    [Fact]
    public void Fires_when_a_default_deny_leaves_no_client()
    {
        var cluster = Load(Deployment("client"), Deployment("web"), Service("web", "web", "[{port: 80, targetPort: 8080}]"), DenyIngress("web"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.Services[0].Meta.Span, finding.Span);
        Assert.Contains("may reach its backends on 8080/TCP (isolated by NetworkPolicy a/web-deny)", finding.Message);
    }

    [Fact]
    public void Fires_when_the_only_allowed_port_is_not_the_target_port()
    {
        var cluster = Load(Deployment("client"), Deployment("web"), Service("web", "web", "[{port: 80, targetPort: 8080}]"),
            AllowFrom("web", "{podSelector: {}}", port: 80));

        Assert.Single(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_when_one_workload_may_reach_the_target_port()
    {
        var cluster = Load(Deployment("client"), Deployment("web"), Service("web", "web", "[{port: 80, targetPort: 8080}]"),
            AllowFrom("web", "{podSelector: {matchLabels: {app: client}}}"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_when_an_outside_range_may_reach_it()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80, targetPort: 8080}]"),
            AllowFrom("web", "{ipBlock: {cidr: 192.0.2.0/24}}"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
