using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class ServiceTargetPortUnresolvedRuleTests
{
    private static readonly ServiceTargetPortUnresolvedRule Rule = new();

    [Fact]
    public void Fires_at_the_port_for_a_name_no_selected_pod_declares()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 443, targetPort: https}]"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.Services[0].Ports[0].Span, finding.Span);
        Assert.StartsWith("Service a/web port 443/TCP targets containerPort named https, which a/web[Deployment] does not declare for TCP", finding.Message);
    }

    [Fact]
    public void Fires_for_a_name_declared_only_for_another_protocol()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80, targetPort: http, protocol: UDP}]"));

        Assert.Single(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Fires_for_a_number_when_the_pods_declare_other_ports()
    {
        var cluster = Load(Deployment("web"), Service("web", "web", "[{port: 80, targetPort: 9090}]"));

        Assert.Contains("targets containerPort number 9090", Assert.Single(RuleRun.Analyze(Rule, cluster)).Message);
    }

    [Fact]
    public void Does_not_fire_for_a_declared_name_or_number_or_pods_that_declare_no_ports()
    {
        var cluster = Load(Deployment("web"), Deployment("bare", "[]"),
            Service("web", "web", "[{port: 80, targetPort: http}, {port: 81, targetPort: 8080, name: b}]"),
            Service("bare", "bare", "[{port: 80, targetPort: 9090}]"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
