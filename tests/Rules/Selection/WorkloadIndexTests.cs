using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Selection;

namespace PolicyLint.Rules.Tests.Selection;

public class WorkloadIndexTests
{
    private static readonly SourceSpan Span = new("t.yaml", 1, 1);

    private static readonly Cluster Cluster = new ClusterBuilder()
        .Namespace("shop", ("team", "shop"))
        .Namespace("ops", ("team", "ops"))
        .Workload("shop", "web")
        .Workload("shop", "db")
        .Workload("ops", "web")
        .Build();

    private static LabelSelector Labels(params (string, string)[] labels) => ClusterBuilder.Selector(Span, labels);

    private static List<string> Names(IEnumerable<(Workload Workload, Pod Pod)> pods) =>
        pods.Select(p => p.Workload.Meta.Ref.QualifiedName).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void A_pod_selector_alone_looks_in_the_policy_namespace_only()
    {
        var index = new WorkloadIndex(Cluster);

        var peer = new NetworkPolicyPeer(Labels(("app", "web")), null, null, Span);

        Assert.Equal(["shop/web"], Names(index.SelectPeerPods("shop", peer)));
    }

    [Fact]
    public void A_namespace_selector_alone_means_every_pod_of_matching_namespaces()
    {
        var index = new WorkloadIndex(Cluster);

        var peer = new NetworkPolicyPeer(null, Labels(("team", "ops")), null, Span);

        Assert.Equal(["ops/web"], Names(index.SelectPeerPods("shop", peer)));
    }

    [Fact]
    public void Both_selectors_in_one_peer_are_and_and_an_empty_namespace_selector_is_every_namespace()
    {
        var index = new WorkloadIndex(Cluster);

        var both = new NetworkPolicyPeer(Labels(("app", "web")), Labels(), null, Span);

        Assert.Equal(["ops/web", "shop/web"], Names(index.SelectPeerPods("shop", both)));
    }

    [Fact]
    public void An_ip_block_names_no_pod_here()
    {
        var index = new WorkloadIndex(Cluster);
        var block = new IpBlock(new CidrText("0.0.0.0/0", Span), ImmutableArray<CidrText>.Empty, Span);

        Assert.Empty(index.SelectPeerPods("shop", new NetworkPolicyPeer(null, null, block, Span)));
    }

    [Fact]
    public void Namespaces_only_named_by_a_selector_are_not_input_namespaces()
    {
        var cluster = Cluster with { Namespaces = Cluster.Namespaces.Add(Namespace.Implicit("partners")) };
        var index = new WorkloadIndex(cluster);

        Assert.Equal(["ops", "shop"], index.InputNamespaces().Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Empty(index.SelectNamespaces(Labels((Namespace.NameLabel, "partners"))));
        Assert.Single(index.SelectNamespaces(Labels((Namespace.NameLabel, "ops"))));
    }
}
