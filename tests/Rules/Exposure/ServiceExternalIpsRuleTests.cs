using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class ServiceExternalIpsRuleTests
{
    private static readonly ServiceExternalIpsRule Rule = new();

    [Fact]
    public void Fires_for_a_service_with_external_ips_and_says_whether_backends_accept()
    {
        var open = Load(Deployment("web"), Service("web", "web", "[{port: 8080}]", "  externalIPs: [198.51.100.10]\n"));
        var closed = Load(Deployment("web"), Service("web", "web", "[{port: 8080}]", "  externalIPs: [198.51.100.10]\n"), DenyIngress("web"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, open));
        Assert.Equal(open.Services[0].ExternalIPsSpan, finding.Span);
        Assert.Equal(At(16, 16), finding.Span);
        Assert.StartsWith("Service a/web captures traffic to 198.51.100.10 on 8080/TCP on every node (a/web[Deployment] on 8080/TCP accepts it", finding.Message);
        Assert.Contains("its backends accept no outside traffic today", Assert.Single(RuleRun.Analyze(Rule, closed)).Message);
    }

    [Fact]
    public void Does_not_fire_without_external_ips()
    {
        Assert.Empty(RuleRun.Analyze(Rule, Load(Deployment("web"), Service("web", "web", "[{port: 8080}]", "  type: NodePort\n"))));
    }
}
