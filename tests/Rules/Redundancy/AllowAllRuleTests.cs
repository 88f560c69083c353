using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Redundancy;

namespace PolicyLint.Rules.Tests.Redundancy;

public class AllowAllRuleTests
{
    private static readonly AllowAllRule Rule = new();

    [Fact]
    public void Fires_on_an_empty_ingress_rule_at_the_rule()
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "open", p => p.Select(("app", "web")).Ingress())
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[0].Ingress[0].Span, finding.Span);
        Assert.Equal("NetworkPolicy shop/open: spec.ingress[0] allows every source on every port", finding.Message);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    public void Fires_on_an_everywhere_ip_block_at_the_peer(string cidr)
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "open", p => p.Select().PolicyTypes(PolicyDirections.Egress)
                .Egress(r => r.Pods(("app", "db")).IpBlock(cidr)))
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[0].Egress[0].Peers[1].Span, finding.Span);
        Assert.Contains($"allows every destination address ({cidr})", finding.Message);
    }

    [Fact]
    public void Every_port_of_every_protocol_counts_as_every_port()
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "open", p => p.Select()
                .Ingress(r => r.AllPortsOf(Protocol.TCP).AllPortsOf(Protocol.UDP).AllPortsOf(Protocol.SCTP)))
            .Build();

        Assert.Single(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_when_ports_peers_or_excepts_narrow_the_rule()
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "narrow", p => p.Select()
                .Ingress(r => r.Port(443))
                .Ingress(r => r.IpBlock("0.0.0.0/0", "10.0.0.0/8"))
                .Ingress(r => r.Namespaces())
                .Ingress(r => r.AllPortsOf(Protocol.TCP).AllPortsOf(Protocol.UDP)))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_on_rules_of_a_direction_the_policy_does_not_isolate()
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "egress-only", p => p.Select().PolicyTypes(PolicyDirections.Egress).Ingress().Egress(r => r.Port(53, Protocol.UDP)))
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
