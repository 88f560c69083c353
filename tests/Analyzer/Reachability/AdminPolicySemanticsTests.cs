using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>README.md "Semantics and profiles", AdminNetworkPolicy and BaselineAdminNetworkPolicy tiers.</summary>
public class AdminPolicySemanticsTests
{
    private const string A = "ns/a[Pod]";
    private const string B = "ns/b[Pod]";
    private static readonly AdminSelector AllNamespaces = AdminNamespaces(Sel.All);
    private static readonly AdminSelector PodB = AdminPods(Sel.All, Labels(("app", "b")));
    private static readonly AdminSelector PodA = AdminPods(Sel.All, Labels(("app", "a")));

    private static ClusterFixture TwoPods() => new ClusterFixture()
        .Pod("ns", "a", ("app", "a"))
        .Pod("ns", "b", ("app", "b"));

    [Fact]
    public void Lower_priority_number_wins()
    {
        var cluster = TwoPods()
            .Admin("allow", 10, PodB, p => p.IngressRule(AdminAction.Allow, [PodA], Tcp(80)))
            .Admin("deny", 20, PodB, p => p.IngressRule(AdminAction.Deny, [PodA]))
            .Build();
        Assert.Equal("TCP 80", Reach.Between(cluster, A, B));
        var swapped = TwoPods()
            .Admin("allow", 30, PodB, p => p.IngressRule(AdminAction.Allow, [PodA], Tcp(80)))
            .Admin("deny", 20, PodB, p => p.IngressRule(AdminAction.Deny, [PodA]))
            .Build();
        Assert.Equal(Reach.None, Reach.Between(swapped, A, B));
    }

    [Fact]
    public void Rule_order_breaks_ties_inside_a_policy()
    {
        var cluster = TwoPods()
            .Admin("p", 10, PodB, p => p
                .IngressRule(AdminAction.Deny, [PodA], Tcp(22))
                .IngressRule(AdminAction.Allow, [PodA], Tcp(1, 1024)))
            .Policy("ns", "deny-all", p => p.Select(Sel.All).Types(PolicyDirections.Ingress))
            .Build();
        Assert.Equal("TCP 1-21,23-1024", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Admin_allow_overrides_NetworkPolicy_isolation_and_admin_deny_overrides_NetworkPolicy_allow()
    {
        var cluster = TwoPods()
            .Admin("p", 10, PodB, p => p.IngressRule(AdminAction.Allow, [PodA], Tcp(80)).IngressRule(AdminAction.Deny, [PodA], Tcp(81)))
            .Policy("ns", "np", p => p.Select(("app", "b")).Ingress(ports: [Tcp(81), Tcp(82)]))
            .Build();
        Assert.Equal("TCP 80,82", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Pass_hands_the_decision_to_NetworkPolicies()
    {
        var cluster = TwoPods()
            .Admin("pass", 5, PodB, p => p.IngressRule(AdminAction.Pass, [PodA], Tcp(80)))
            .Admin("deny", 10, PodB, p => p.IngressRule(AdminAction.Deny, [PodA]))
            .Policy("ns", "np", p => p.Select(("app", "b")).Ingress(ports: [Tcp(80), Tcp(443)]))
            .Build();
        Assert.Equal("TCP 80", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Baseline_decides_only_when_no_NetworkPolicy_isolates_the_pod()
    {
        var baselineDeny = TwoPods()
            .Baseline(AllNamespaces, p => p.IngressRule(AdminAction.Deny, [AllNamespaces]));
        Assert.Equal(Reach.None, Reach.Between(baselineDeny.Build(), A, B));
        var withPolicy = baselineDeny.Policy("ns", "np", p => p.Select(("app", "b")).Ingress(ports: [Tcp(80)])).Build();
        Assert.Equal("TCP 80", Reach.Between(withPolicy, A, B));
    }

    [Fact]
    public void Passed_traffic_of_an_unisolated_pod_goes_to_the_baseline()
    {
        var cluster = TwoPods()
            .Admin("pass", 5, PodB, p => p.IngressRule(AdminAction.Pass, [PodA], Tcp(80)))
            .Baseline(AllNamespaces, p => p.IngressRule(AdminAction.Deny, [PodA], Tcp(80)))
            .Build();
        Assert.Equal("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Egress_networks_peer_decides_outside_addresses()
    {
        var cluster = TwoPods()
            .Admin("out", 5, AllNamespaces, p => p
                .EgressRule(AdminAction.Allow, [Networks("60.45.72.0/22")])
                .EgressRule(AdminAction.Deny, [Networks("0.0.0.0/0")]))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, A, "60.45.72.0-60.45.75.255[External]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, A, "0.0.0.0-60.45.71.255,60.45.76.0-255.255.255.255[External]"));
        Assert.Equal(Reach.All, Reach.Between(cluster, A, B));
    }

    /// <summary>
    /// The ANP API checks cluster-internal traffic against networks peers too, so under the
    /// default profile (ipBlocks match pods with known IPs) a networks peer matches a pod whose IP
    /// it holds; under netpol-analyzer it never does. Found by the SMT differential test.
    /// </summary>
    [Theory]
    [InlineData(AnalysisProfile.Default, "No Connections")]
    [InlineData(AnalysisProfile.NetpolAnalyzer, "All Connections")]
    public void Egress_networks_peer_matches_a_pod_by_its_known_ip_under_the_default_profile(AnalysisProfile profile, string expected)
    {
        var cluster = new ClusterFixture()
            .Pod("ns", "a", ("app", "a"))
            .Pod("ns", "b", p => p.Labels(("app", "b")).Ip("10.0.0.5"))
            .Admin("deny-net", 10, AllNamespaces, p => p.EgressRule(AdminAction.Deny, [Networks("10.0.0.0/24")]))
            .Build();

        Assert.Equal(expected, Reach.Between(cluster, A, B, profile));
    }

    [Fact]
    public void A_deny_on_every_port_keeps_what_earlier_rules_allowed_or_passed()
    {
        var allowThenDeny = TwoPods()
            .Admin("allow", 5, PodB, p => p.IngressRule(AdminAction.Allow, [PodA], Tcp(80)))
            .Baseline(AllNamespaces, p => p.IngressRule(AdminAction.Deny, [AllNamespaces]))
            .Build();
        Assert.Equal("TCP 80", Reach.Between(allowThenDeny, A, B));
        var passThenDeny = TwoPods()
            .Admin("pass", 5, PodB, p => p.IngressRule(AdminAction.Pass, [PodA], Tcp(80)))
            .Admin("deny", 10, PodB, p => p.IngressRule(AdminAction.Deny, [PodA]))
            .Build();
        Assert.Equal("TCP 80", Reach.Between(passThenDeny, A, B));
        var passThenBaselineDeny = TwoPods()
            .Admin("pass", 5, PodB, p => p.IngressRule(AdminAction.Pass, [PodA], Tcp(80)))
            .Baseline(AllNamespaces, p => p.IngressRule(AdminAction.Deny, [AllNamespaces]))
            .Build();
        Assert.Equal(Reach.None, Reach.Between(passThenBaselineDeny, A, B));
    }
}
