using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>README.md "Semantics and profiles", NetworkPolicy part: one test (or a few) per bullet.</summary>
public class NetworkPolicySemanticsTests
{
    private const string A = "ns/a[Pod]";
    private const string B = "ns/b[Pod]";

    private static ClusterFixture TwoPods() => new ClusterFixture()
        .Pod("ns", "a", ("app", "a"))
        .Pod("ns", "b", ("app", "b"));

    [Fact]
    public void Without_policies_everything_is_allowed()
    {
        var cluster = TwoPods().Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, A, B));
        Assert.Equal(Reach.All, Reach.Between(cluster, B, A));
    }

    [Fact]
    public void Ingress_isolation_blocks_only_traffic_into_the_selected_pod()
    {
        var cluster = TwoPods().Policy("ns", "deny", p => p.Select(("app", "b")).Types(PolicyDirections.Ingress)).Build();
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
        Assert.Equal(Reach.All, Reach.Between(cluster, B, A));
    }

    [Fact]
    public void Egress_isolation_blocks_only_traffic_out_of_the_selected_pod()
    {
        var cluster = TwoPods().Policy("ns", "deny", p => p.Select(("app", "a")).Types(PolicyDirections.Egress)).Build();
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
        Assert.Equal(Reach.All, Reach.Between(cluster, B, A));
    }

    [Fact]
    public void A_connection_needs_both_egress_and_ingress_allowance()
    {
        var cluster = TwoPods()
            .Policy("ns", "out", p => p.Select(("app", "a")).Types(PolicyDirections.Egress).Egress(ports: [Tcp(80), Tcp(81)]))
            .Policy("ns", "in", p => p.Select(("app", "b")).Types(PolicyDirections.Ingress).Ingress(ports: [Tcp(81), Tcp(82)]))
            .Build();
        Assert.Equal("TCP 81", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Two_policies_add_up()
    {
        var cluster = TwoPods()
            .Policy("ns", "p1", p => p.Select(("app", "b")).Ingress(ports: [Tcp(80)]))
            .Policy("ns", "p2", p => p.Select(("app", "b")).Ingress(ports: [Udp(53)]))
            .Build();
        Assert.Equal("TCP 80,UDP 53", Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Omitted_policyTypes_with_only_egress_rules_also_isolate_ingress()
    {
        var cluster = TwoPods()
            .Policy("ns", "egress-only", p => p.Select(("app", "b")).Egress(ports: [Tcp(443)]))
            .Build();
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
        Assert.Equal("TCP 443", Reach.Between(cluster, B, A));
    }

    [Fact]
    public void Declared_egress_only_policyTypes_leave_ingress_open()
    {
        var cluster = TwoPods()
            .Policy("ns", "egress-only", p => p.Select(("app", "b")).Types(PolicyDirections.Egress).Egress(ports: [Tcp(443)]))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Empty_podSelector_selects_every_pod_of_the_policy_namespace_only()
    {
        var cluster = TwoPods()
            .Pod("other", "c", ("app", "b"))
            .Policy("ns", "deny-all", p => p.Select(Sel.All).Types(PolicyDirections.Ingress))
            .Build();
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
        Assert.Equal(Reach.None, Reach.Between(cluster, B, A));
        Assert.Equal(Reach.All, Reach.Between(cluster, A, "other/c[Pod]"));
    }

    [Fact]
    public void Ingress_rule_with_no_peers_and_no_ports_allows_everything()
    {
        var cluster = TwoPods()
            .Pod("other", "c")
            .Policy("ns", "allow-all", p => p.Select(("app", "b")).Ingress())
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, "other/c[Pod]", B));
        Assert.Equal(Reach.All, Reach.Between(cluster, "0.0.0.0-255.255.255.255[External]", B));
    }

    [Fact]
    public void PodSelector_peer_alone_means_the_policy_namespace()
    {
        var cluster = TwoPods()
            .Pod("other", "a2", ("app", "a"))
            .Policy("ns", "from-a", p => p.Select(("app", "b")).Ingress(from: [Pods(Labels(("app", "a")))]))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, A, B));
        Assert.Equal(Reach.None, Reach.Between(cluster, "other/a2[Pod]", B));
    }

    [Fact]
    public void NamespaceSelector_peer_alone_means_every_pod_of_matching_namespaces()
    {
        var cluster = TwoPods()
            .Namespace("team", ("team", "x"))
            .Pod("team", "any", ("app", "whatever"))
            .Pod("other", "c")
            .Policy("ns", "from-team", p => p.Select(("app", "b")).Ingress(from: [Namespaces(Labels(("team", "x")))]))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, "team/any[Pod]", B));
        Assert.Equal(Reach.None, Reach.Between(cluster, "other/c[Pod]", B));
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Both_selectors_in_one_peer_are_an_AND_and_two_peers_an_OR()
    {
        var cluster = TwoPods()
            .Namespace("team", ("team", "x"))
            .Pod("team", "api", ("app", "api"))
            .Pod("team", "web", ("app", "web"))
            .Pod("other", "api", ("app", "api"))
            .Policy("ns", "and", p => p.Select(("app", "b")).Ingress(from: [PodsIn(Labels(("team", "x")), Labels(("app", "api")))]))
            .Policy("ns", "or", p => p.Select(("app", "a")).Ingress(from: [Namespaces(Labels(("team", "x"))), Pods(Labels(("app", "api")))]))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, "team/api[Pod]", B));
        Assert.Equal(Reach.None, Reach.Between(cluster, "team/web[Pod]", B));
        Assert.Equal(Reach.None, Reach.Between(cluster, "other/api[Pod]", B));
        Assert.Equal(Reach.All, Reach.Between(cluster, "team/web[Pod]", A));
        Assert.Equal(Reach.None, Reach.Between(cluster, "other/api[Pod]", A));
    }

    [Fact]
    public void Empty_namespaceSelector_is_every_namespace_but_a_missing_one_is_the_own_namespace()
    {
        var cluster = new ClusterFixture()
            .Pod("ns", "b", ("app", "b"))
            .Pod("ns", "b2", ("app", "b2"))
            .Pod("other", "api", ("app", "api"))
            .Policy("ns", "all-ns", p => p.Select(("app", "b")).Ingress(from: [PodsIn(Sel.All, Labels(("app", "api")))]))
            .Policy("ns", "own-ns", p => p.Select(("app", "b2")).Ingress(from: [Pods(Labels(("app", "api")))]))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, "other/api[Pod]", "ns/b[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "other/api[Pod]", "ns/b2[Pod]"));
    }

    [Fact]
    public void Every_namespace_is_selectable_by_its_metadata_name_label_even_when_undeclared()
    {
        var cluster = TwoPods()
            .Pod("implicit", "c")
            .Policy("ns", "p", p => p.Select(("app", "b")).Ingress(from: [Namespaces(Labels((Namespace.NameLabel, "implicit")))]))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, "implicit/c[Pod]", B));
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
    }

    [Theory]
    [InlineData(SelectorOperator.In, new[] { "x", "y" }, "x", true)]
    [InlineData(SelectorOperator.In, new[] { "x", "y" }, "z", false)]
    [InlineData(SelectorOperator.In, new[] { "x" }, null, false)]
    [InlineData(SelectorOperator.NotIn, new[] { "x" }, "x", false)]
    [InlineData(SelectorOperator.NotIn, new[] { "x" }, "y", true)]
    [InlineData(SelectorOperator.NotIn, new[] { "x" }, null, true)]
    [InlineData(SelectorOperator.Exists, new string[0], "x", true)]
    [InlineData(SelectorOperator.Exists, new string[0], null, false)]
    [InlineData(SelectorOperator.DoesNotExist, new string[0], "x", false)]
    [InlineData(SelectorOperator.DoesNotExist, new string[0], null, true)]
    public void Selector_operators_follow_Kubernetes_including_absent_keys(SelectorOperator op, string[] values, string? tier, bool selected)
    {
        var labels = tier is null ? new[] { ("app", "a") } : new[] { ("app", "a"), ("tier", tier) };
        var cluster = new ClusterFixture()
            .Pod("ns", "a", labels)
            .Pod("ns", "b", ("app", "b"))
            .Policy("ns", "p", p => p.Select(("app", "b")).Ingress(from: [Pods(Expr("tier", op, values))]))
            .Build();
        Assert.Equal(selected ? Reach.All : Reach.None, Reach.Between(cluster, A, B));
    }

    [Fact]
    public void MatchLabels_and_matchExpressions_are_ANDed()
    {
        var selector = new LabelSelector(
            [.. Labels(("app", "a")).Requirements, .. Expr("tier", SelectorOperator.Exists).Requirements],
            SourceSpan.None);
        var cluster = TwoPods()
            .Pod("ns", "a2", ("app", "a"), ("tier", "web"))
            .Policy("ns", "p", p => p.Select(("app", "b")).Ingress(from: [Pods(selector)]))
            .Build();
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns/a2[Pod]", B));
    }

    [Fact]
    public void A_pod_never_blocks_itself()
    {
        var cluster = TwoPods().Policy("ns", "deny", p => p.Select(Sel.All).Types(PolicyDirections.Both)).Build();
        var engine = ReachabilityEngine.Build(cluster);
        var a = engine.FindPeer(A)!;
        var explanation = engine.Explain(a, a);
        Assert.True(explanation.Allowed.IsAll);
        Assert.Contains(explanation.Notes, n => n.Code == "self");
        Assert.True(engine.ComputeMatrix().Connections(a, a).IsAll);
        Assert.Equal(Reach.None, Reach.Between(cluster, A, B));
    }

    [Fact]
    public void Policies_of_another_namespace_do_not_isolate()
    {
        var cluster = TwoPods()
            .Policy("other", "deny", p => p.Select(Sel.All).Types(PolicyDirections.Both))
            .Build();
        Assert.Equal(Reach.All, Reach.Between(cluster, A, B));
    }
}
