using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>README.md "Semantics and profiles", ports: protocols, endPort, named ports.</summary>
public class PortSemanticsTests
{
    private const string A = "ns/a[Pod]";
    private const string B = "ns/b[Pod]";

    private static ClusterFixture Pods(Action<PodFixture>? configureB = null) => new ClusterFixture()
        .Pod("ns", "a", p => p.Labels(("app", "a")).Port("web", 8080).Port("dns", 5353, Protocol.UDP))
        .Pod("ns", "b", p => { p.Labels(("app", "b")); configureB?.Invoke(p); });

    [Fact]
    public void Numeric_port_needs_no_containerPort()
    {
        var cluster = Pods().Policy("ns", "p", p => p.Select(("app", "b")).Ingress(ports: [Tcp(9999)])).Build();
        Assert.Equal("TCP 9999", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void EndPort_makes_an_inclusive_range()
    {
        var cluster = Pods().Policy("ns", "p", p => p.Select(("app", "b")).Ingress(ports: [Tcp(32000, 32768)])).Build();
        Assert.Equal("TCP 32000-32768", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void SCTP_UDP_and_TCP_are_distinct()
    {
        var cluster = Pods().Policy("ns", "p", p => p.Select(("app", "b")).Ingress(ports: [Sctp(80)])).Build();
        Assert.Equal("SCTP 80", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Port_without_number_is_every_port_of_its_protocol()
    {
        var cluster = Pods().Policy("ns", "p", p => p.Select(("app", "b")).Ingress(ports: [AllOf(Protocol.UDP)])).Build();
        Assert.Equal("UDP 1-65535", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Named_port_of_an_ingress_rule_resolves_on_the_destination_pod()
    {
        var cluster = Pods(b => b.Port("web", 9090))
            .Policy("ns", "p", p => p.Select(("app", "b")).Ingress(ports: [Named("web")]))
            .Build();
        Assert.Equal("TCP 9090", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Named_port_with_a_mismatched_protocol_matches_nothing()
    {
        var cluster = Pods(b => b.Port("web", 9090, Protocol.SCTP))
            .Policy("ns", "p", p => p.Select(("app", "b")).Ingress(ports: [Named("web", Protocol.TCP)]))
            .Build();
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Named_port_of_an_egress_rule_resolves_on_the_destination_not_the_source()
    {
        var cluster = Pods(b => b.Port("web", 9090))
            .Policy("ns", "p", p => p.Select(("app", "a")).Types(PolicyDirections.Egress).Egress(ports: [Named("web")]))
            .Build();
        Assert.Equal("TCP 9090", Reach.Between(cluster, A, B));
        // a has its own "web" on 8080, which must not leak into a's egress towards b
        Assert.DoesNotContain("8080", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Named_port_resolves_differently_per_destination()
    {
        var cluster = Pods(b => b.Port("web", 9090))
            .Pod("ns", "c", p => p.Labels(("app", "c")).Port("web", 7070))
            .Policy("ns", "p", p => p.Select(("app", "a")).Types(PolicyDirections.Egress).Egress(ports: [Named("web"), Udp(53)]))
            .Build();
        Assert.Equal("TCP 9090,UDP 53", Reach.Between(cluster, A, B));
        Assert.Equal("TCP 7070,UDP 53", Reach.Between(cluster, A, "ns/c[Pod]"));
        Assert.Equal("UDP 53", Reach.Between(cluster, A, "0.0.0.0-255.255.255.255[External]"));
    }
}
