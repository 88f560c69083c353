using PolicyLint.Rules.Exposure;
using static PolicyLint.Rules.Tests.Exposure.ExposureManifests;

namespace PolicyLint.Rules.Tests.Exposure;

public class NodePortExposedRuleTests
{
    private static readonly NodePortExposedRule Rule = new();

    private static string NodePort(string extra = "") =>
        Service("web", "web", "[{port: 80, targetPort: http, nodePort: 30080}]", "  type: NodePort\n" + extra);

    [Fact]
    public void Fires_at_the_service_port_when_the_backends_are_not_isolated()
    {
        var cluster = Load(Deployment("web"), NodePort());

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.Services[0].Ports[0].Span, finding.Span);
        Assert.StartsWith("Service a/web exposes a/web[Deployment] on 8080/TCP on node port 30080/TCP of every node to any internet client", finding.Message);
    }

    [Fact]
    public void Fires_when_an_ipblock_admits_internet_clients_on_the_target_port()
    {
        var cluster = Load(Deployment("web"), NodePort("  externalTrafficPolicy: Local\n"), AllowFrom("web", "{ipBlock: {cidr: 0.0.0.0/0}}"));

        Assert.Contains("to any internet address", Assert.Single(RuleRun.Analyze(Rule, cluster)).Message);
    }

    [Fact]
    public void Does_not_fire_when_only_private_client_addresses_are_admitted()
    {
        var cluster = Load(Deployment("web"), NodePort("  externalTrafficPolicy: Local\n"), AllowFrom("web", "{ipBlock: {cidr: 10.0.0.0/8}}"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_when_the_backends_admit_only_pods()
    {
        var cluster = Load(Deployment("web"), NodePort(), AllowFrom("web", "{podSelector: {}}"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_for_a_clusterip_service()
    {
        Assert.Empty(RuleRun.Analyze(Rule, Load(Deployment("web"), Service("web", "web", "[{port: 80}]"))));
    }

    [Fact]
    public void The_node_port_of_a_load_balancer_is_reported_only_when_it_lets_in_more_than_the_balancer()
    {
        const string ranges = "  type: LoadBalancer\n  loadBalancerSourceRanges: [203.0.113.0/24]\n";
        var partner = AllowFrom("web", "{ipBlock: {cidr: 203.0.113.0/24}}");
        var local = Load(Deployment("web"), Service("web", "web", "[{port: 443, targetPort: 8080}]", ranges + "  externalTrafficPolicy: Local\n"), partner);
        var snat = Load(Deployment("web"), Service("web", "web", "[{port: 443, targetPort: 8080}]", ranges));
        var unranged = Load(Deployment("web"), Service("web", "web", "[{port: 443, targetPort: 8080}]", "  type: LoadBalancer\n"));

        Assert.Empty(RuleRun.Analyze(Rule, local));
        Assert.Contains("on its allocated node port/TCP of every node to any internet client", Assert.Single(RuleRun.Analyze(Rule, snat)).Message);
        Assert.Empty(RuleRun.Analyze(Rule, unranged));
    }
}
