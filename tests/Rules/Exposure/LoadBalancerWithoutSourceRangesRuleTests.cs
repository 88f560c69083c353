using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class LoadBalancerWithoutSourceRangesRuleTests
{
    private static readonly LoadBalancerWithoutSourceRangesRule Rule = new();

    [Fact]
    public void Fires_for_an_exposed_load_balancer_without_source_ranges()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 443, targetPort: 8080}]", "  type: LoadBalancer\n"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.Services[0].Ports[0].Span, finding.Span);
        Assert.StartsWith("Service a/web has no loadBalancerSourceRanges, so the load balancer on port 443/TCP lets any internet client", finding.Message);
    }

    [Fact]
    public void Does_not_fire_with_source_ranges()
    {
        var cluster = Load(Deployment("web"),
            Service("web", "web", "[{port: 443, targetPort: 8080}]", "  type: LoadBalancer\n  loadBalancerSourceRanges: [203.0.113.0/24]\n"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_when_the_backends_accept_nothing_from_outside()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 443, targetPort: 8080}]", "  type: LoadBalancer\n"), DenyIngress("web"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
