using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class NamedPortUnresolvedRuleTests
{
    private static readonly NamedPortUnresolvedRule Rule = new();

    [Fact]
    public void Fires_on_an_ingress_port_name_the_selected_pods_do_not_declare()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web", w => w.Port("http", 8080))
            .Policy("shop", "allow", p => p.Select(("app", "web")).Ingress(r => r.NamedPort("htpp")))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[0].Ingress[0].Ports[0].Span, finding.Span);
        Assert.Contains("spec.ingress[0] named port 'htpp' (TCP) matches no containerPort of the pods it applies to", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_a_selected_pod_declares_the_name()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web", w => w.Port("http", 8080))
            .Policy("shop", "allow", p => p.Select(("app", "web")).Ingress(r => r.NamedPort("http")))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void The_protocol_must_match_too()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web", w => w.Port("dns", 53, Protocol.TCP))
            .Policy("shop", "allow", p => p.Select(("app", "web")).Ingress(r => r.NamedPort("dns", Protocol.UDP)))
            .Build();

        Assert.Single(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Egress_ports_resolve_on_the_peer_pods_not_on_the_selected_ones()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web", w => w.Port("metrics", 9090))
            .Workload("shop", "db", w => w.Port("postgres", 5432))
            .Policy("shop", "to-db", p => p.Select(("app", "web"))
                .Egress(r => r.Pods(("app", "db")).NamedPort("postgres"))
                .Egress(r => r.Pods(("app", "db")).NamedPort("metrics")))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));
        Assert.Contains("spec.egress[1] named port 'metrics'", finding.Message);
    }

    [Fact]
    public void An_egress_rule_without_peers_resolves_on_every_pod_of_the_input()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Workload("other", "metrics", w => w.Port("prom", 9090))
            .Policy("shop", "out", p => p.Select(("app", "web"))
                .Egress(r => r.NamedPort("prom"))
                .Egress(r => r.NamedPort("prom", Protocol.UDP)))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));
        Assert.Contains("spec.egress[1] named port 'prom' (UDP) matches no containerPort of the pods it applies to", finding.Message);
    }

    [Fact]
    public void Stays_silent_when_no_pod_is_a_destination()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web", w => w.Port("http", 8080))
            .Policy("shop", "allow", p => p.Select(("app", "nothing")).Ingress(r => r.NamedPort("htpp")))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
