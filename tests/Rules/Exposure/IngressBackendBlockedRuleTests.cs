using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class IngressBackendBlockedRuleTests
{
    private static readonly IngressBackendBlockedRule Rule = new();

    [Fact]
    public void Fires_at_the_backend_when_a_default_deny_blocks_the_controller()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80, targetPort: 8080}]"), Ingress("web", "{number: 80}"), DenyIngress("web"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.Ingresses[0].Rules[0].Paths[0].Backend!.Span, finding.Span);
        Assert.StartsWith("Ingress a/shop routes shop.example.com/ to Service a/web port 80, but the ingress controller may not reach a/web[Deployment] on 8080/TCP (isolated by NetworkPolicy a/web-deny)", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_the_controller_is_admitted_on_the_target_port()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80, targetPort: 8080}]"), Ingress("web", "{number: 80}"),
            AllowFrom("web", "{namespaceSelector: {}}"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
