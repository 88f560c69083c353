using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class DnsEgressBlockedRuleTests
{
    private static readonly DnsEgressBlockedRule Rule = new();

    private static ClusterBuilder WithDns() => new ClusterBuilder()
        .Namespace("kube-system")
        .Workload("kube-system", "coredns", w => w.Labels(("k8s-app", "kube-dns")).Port("dns", 53, Protocol.UDP).Port("dns-tcp", 53));

    [Fact]
    public void Fires_when_egress_isolation_leaves_no_way_to_dns()
    {
        var cluster = WithDns()
            .Workload("shop", "web")
            .Policy("shop", "deny-egress", p => p.Select().PolicyTypes(PolicyDirections.Egress))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        var web = cluster.Workloads.Single(w => w.Name == "web");
        Assert.Equal(web.Meta.Span, finding.Span);
        Assert.Equal(web.Meta.Ref, finding.Object);
        Assert.Contains("no egress rule allows it to reach Deployment kube-system/coredns on UDP or TCP 53", finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_an_egress_rule_allows_udp_53_to_the_dns_pods()
    {
        var cluster = WithDns()
            .Workload("shop", "web")
            .Policy("shop", "deny-egress", p => p.Select().PolicyTypes(PolicyDirections.Egress))
            .Policy("shop", "allow-dns", p => p.Select().PolicyTypes(PolicyDirections.Egress)
                .Egress(r => r.Peer(pods: [("k8s-app", "kube-dns")], namespaces: [(ModelNamespaceLabel, "kube-system")]).Port(53, Protocol.UDP)))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Port_53_to_the_wrong_peer_does_not_count()
    {
        var cluster = WithDns()
            .Workload("shop", "web")
            .Policy("shop", "allow-dns", p => p.Select().PolicyTypes(PolicyDirections.Egress)
                .Egress(r => r.Pods(("k8s-app", "kube-dns")).Port(53, Protocol.UDP)))
            .Build();

        Assert.Single(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Says_so_when_the_dns_pods_refuse_the_traffic()
    {
        var cluster = WithDns()
            .Workload("shop", "web")
            .Policy("shop", "allow-dns", p => p.Select().PolicyTypes(PolicyDirections.Egress)
                .Egress(r => r.Namespaces((ModelNamespaceLabel, "kube-system")).Port(53, Protocol.UDP)))
            .Policy("kube-system", "lock-dns", p => p.Select().PolicyTypes(PolicyDirections.Ingress))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));
        Assert.Contains("the ingress policies of Deployment kube-system/coredns do not admit it", finding.Message);
    }

    [Fact]
    public void Does_not_fire_on_workloads_that_are_not_egress_isolated()
    {
        var cluster = WithDns()
            .Workload("shop", "web")
            .Policy("shop", "deny-ingress", p => p.Select().PolicyTypes(PolicyDirections.Ingress))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Without_dns_in_the_input_any_egress_rule_on_port_53_will_do()
    {
        var blocked = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "egress", p => p.Select().PolicyTypes(PolicyDirections.Egress).Egress(r => r.Port(443)))
            .Build();
        var allowed = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "egress", p => p.Select().PolicyTypes(PolicyDirections.Egress)
                .Egress(r => r.Port(443))
                .Egress(r => r.Namespaces((ModelNamespaceLabel, "kube-system")).Port(53, Protocol.TCP)))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, blocked));
        Assert.Contains("cluster DNS is not in the input", finding.Message);
        Assert.Empty(RuleRun.Analyze(Rule, allowed));
    }

    private const string ModelNamespaceLabel = "kubernetes.io/metadata.name";
}
