using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>README.md "Semantics and profiles", ipBlock: external ranges, except, pod IPs per profile.</summary>
public class AddressSemanticsTests
{
    private static ClusterFixture WebWithIngressBlock(string cidr, params string[] except) => new ClusterFixture()
        .Pod("ns", "web", ("app", "web"))
        .Policy("ns", "p", p => p.Select(("app", "web")).Ingress(from: [Block(cidr, except)], ports: [Tcp(443)]));

    [Fact]
    public void Ingress_blocks_cut_the_source_address_space_at_cidr_and_except_boundaries_and_ranges_every_rule_names_alike_are_one_peer()
    {
        var engine = ReachabilityEngine.Build(WebWithIngressBlock("10.0.0.0/8", "10.10.0.0/16").Build());
        var externals = engine.Peers.OfType<ExternalPeer>().Select(p => p.Id).ToList();
        Assert.Equal(
            [
                "0.0.0.0-255.255.255.255[External]",
                "0.0.0.0-9.255.255.255,10.10.0.0-10.10.255.255,11.0.0.0-255.255.255.255[External]",
                "10.0.0.0-10.9.255.255,10.11.0.0-10.255.255.255[External]",
            ],
            externals);
        Assert.Equal(5, engine.IngressAtoms.Ranges.Length);
    }

    [Theory]
    [InlineData("10.0.0.0-10.9.255.255,10.11.0.0-10.255.255.255[External]", "TCP 443")]
    [InlineData("0.0.0.0-9.255.255.255,10.10.0.0-10.10.255.255,11.0.0.0-255.255.255.255[External]", Reach.None)]
    public void IpBlock_except_carves_out_external_addresses(string source, string expected)
    {
        Assert.Equal(expected, Reach.Between(WebWithIngressBlock("10.0.0.0/8", "10.10.0.0/16").Build(), source, "ns/web[Pod]"));
    }

    [Fact]
    public void Egress_to_outside_uses_the_egress_cut()
    {
        var cluster = new ClusterFixture()
            .Pod("ns", "web", ("app", "web"))
            .Policy("ns", "p", p => p.Select(("app", "web")).Types(PolicyDirections.Egress).Egress(to: [Block("192.168.0.0/16")]))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns/web[Pod]", "192.168.0.0-192.168.255.255[External]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns/web[Pod]", "0.0.0.0-192.167.255.255,192.169.0.0-255.255.255.255[External]"));
    }

    private static ClusterFixture PodIpCluster() => new ClusterFixture()
        .Pod("ns", "web", ("app", "web"))
        .Pod("other", "client", p => p.Labels(("app", "client")).Ip("10.1.2.3"))
        .Pod("other", "carved", p => p.Labels(("app", "client")).Ip("10.10.0.7"))
        .Pod("other", "unknown", p => p.Labels(("app", "client")))
        .Policy("ns", "p", p => p.Select(("app", "web")).Ingress(from: [Block("10.0.0.0/8", "10.10.0.0/16")]));

    [Fact]
    public void Default_profile_ipBlock_matches_a_pod_with_a_known_ip_unless_excepted()
    {
        var cluster = PodIpCluster().Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, "other/client[Pod]", "ns/web[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "other/carved[Pod]", "ns/web[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "other/unknown[Pod]", "ns/web[Pod]"));
    }

    [Fact]
    public void NetpolAnalyzer_profile_ipBlock_never_matches_a_pod()
    {
        var cluster = PodIpCluster().Build();
        Assert.Equal(Reach.None, Reach.Between(cluster, "other/client[Pod]", "ns/web[Pod]", AnalysisProfile.NetpolAnalyzer));
        var engine = ReachabilityEngine.Build(cluster, AnalysisProfile.NetpolAnalyzer);
        Assert.Contains(engine.Notes, n => n.Code == "pod-ip-ignored");
    }

    [Fact]
    public void IPv6_blocks_make_IPv6_peers_under_Default_and_are_ignored_under_NetpolAnalyzer()
    {
        var cluster = WebWithIngressBlock("fd00::/8").Build();
        Assert.Equal("TCP 443", Reach.Between(cluster, "fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]", "ns/web[Pod]"));
        var netpol = ReachabilityEngine.Build(cluster, AnalysisProfile.NetpolAnalyzer);
        Assert.DoesNotContain(netpol.Peers, p => p.Id.Contains(':'));
        Assert.Contains(netpol.Notes, n => n.Code == "ipv6-ignored");
    }

    [Fact]
    public void Without_any_ipBlock_the_outside_is_one_peer()
    {
        var engine = ReachabilityEngine.Build(new ClusterFixture().Pod("ns", "web").Build());
        Assert.Equal(["0.0.0.0-255.255.255.255[External]"], engine.Peers.OfType<ExternalPeer>().Select(p => p.Id));
    }

    [Fact]
    public void Selector_peers_never_match_outside_addresses()
    {
        var cluster = new ClusterFixture()
            .Pod("ns", "web", ("app", "web"))
            .Policy("ns", "p", p => p.Select(("app", "web")).Ingress(from: [Namespaces(Sel.All)]))
            .Build();
        Assert.Equal(Reach.None, Reach.Between(cluster, "0.0.0.0-255.255.255.255[External]", "ns/web[Pod]"));
    }
}
