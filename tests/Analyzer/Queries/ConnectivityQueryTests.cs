using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Tests.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Queries;

public class ConnectivityQueryTests
{
    private static Cluster Shop() => new ClusterFixture()
        .Pod("shop", "web", p => p.Labels(("app", "web")).Port("http", 8080))
        .Pod("shop", "db", ("app", "db"))
        .Pod("ops", "Agent", ("app", "agent"))
        .Policy("shop", "db", p => p.Select(("app", "db")).Ingress(from: [Pods(Labels(("app", "web")))], ports: [Tcp(5432)]))
        .Policy("shop", "web", p => p.Select(("app", "web")).Types(PolicyDirections.Both)
            .Ingress(from: [Block("0.0.0.0/0", "10.0.0.0/8")], ports: [Named("http")])
            .Egress(to: [Pods(Labels(("app", "db")))]))
        .Build();

    private static string Lines(ConnectivityReport report) =>
        string.Join("\n", report.Connections.Select(c => $"{c.Source} => {c.Destination} : {c.Connections}"));

    [Fact]
    public void Lists_every_non_empty_pair_sorted_ordinally_without_self_pairs()
    {
        var report = ConnectivityQuery.Run(Shop());
        Assert.Equal(
            """
            0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255[External] => ops/Agent[Pod] : All Connections
            0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255[External] => shop/web[Pod] : TCP 8080
            10.0.0.0-10.255.255.255[External] => ops/Agent[Pod] : All Connections
            ops/Agent[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
            shop/db[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
            shop/db[Pod] => ops/Agent[Pod] : All Connections
            shop/web[Pod] => shop/db[Pod] : TCP 5432
            """.ReplaceLineEndings("\n"),
            Lines(report));
    }

    [Fact]
    public void Peers_are_sorted_ordinally_and_include_both_directions_external_ranges()
    {
        var report = ConnectivityQuery.Run(Shop());
        var ids = report.Peers.Select(p => p.Id).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Contains("10.0.0.0-10.255.255.255[External]", ids);
        Assert.Contains("0.0.0.0-255.255.255.255[External]", ids);
    }

    [Fact]
    public void Focus_keeps_pairs_touching_a_focused_workload()
    {
        var report = ConnectivityQuery.Run(Shop(), new ConnectivityOptions(FocusWorkloads: ["shop/db"]));
        Assert.All(report.Connections, c => Assert.True(c.Source.Id == "shop/db[Pod]" || c.Destination.Id == "shop/db[Pod]"));
        Assert.Equal(3, report.Connections.Length);
    }

    [Fact]
    public void Profile_is_passed_to_the_engine()
    {
        var cluster = new ClusterFixture()
            .Pod("ns", "web", ("app", "web"))
            .Pod("ns", "client", p => p.Labels(("app", "client")).Ip("10.0.0.5"))
            .Policy("ns", "p", p => p.Select(("app", "web")).Ingress(from: [Block("10.0.0.0/8")]))
            .Build();
        bool Reaches(AnalysisProfile profile) => ConnectivityQuery.Run(cluster, new ConnectivityOptions(profile))
            .Connections.Any(c => c.Source.Id == "ns/client[Pod]" && c.Destination.Id == "ns/web[Pod]");
        Assert.True(Reaches(AnalysisProfile.Default));
        Assert.False(Reaches(AnalysisProfile.NetpolAnalyzer));
    }

    [Fact]
    public void Matrix_and_pair_query_agree_on_every_pair()
    {
        var engine = ReachabilityEngine.Build(Shop());
        var matrix = engine.ComputeMatrix();
        foreach (var source in engine.Peers)
        {
            foreach (var destination in engine.Peers)
            {
                if (source.Id == destination.Id) continue;
                Assert.Equal(engine.Connections(source, destination), matrix.Connections(source, destination));
            }
        }
    }

    public static TheoryData<string> Clusters => ["shop", "multi-class", "admin", "ingress", "open"];

    private static Cluster Sample(string name) => name switch
    {
        "shop" => Shop(),
        "multi-class" => new ClusterFixture()
            .Workload("ns", "mixed", "ReplicaSet", p => p.Labels(("app", "x"), ("tier", "1")), p => p.Labels(("app", "x"), ("tier", "2")))
            .Workload("ns", "twin", "ReplicaSet", p => p.Labels(("app", "x"), ("tier", "1")))
            .Pod("ns", "db", ("app", "db"))
            .Policy("ns", "p", p => p.Select(("tier", "1")).Ingress(from: [Pods(Labels(("app", "db")))], ports: [Tcp(5432)]))
            .Policy("ns", "q", p => p.Select(("app", "db")).Types(PolicyDirections.Egress).Egress(to: [Pods(Labels(("tier", "2")))], ports: [Udp(53)]))
            .Build(),
        "admin" => new ClusterFixture()
            .Pod("a", "x", ("app", "x"))
            .Pod("b", "y", ("app", "y"))
            .Admin("deny-22", 1, AdminNamespaces(Sel.All), p => p.IngressRule(AdminAction.Deny, [AdminNamespaces(Sel.All)], Tcp(22)).EgressRule(AdminAction.Pass, [Networks("10.0.0.0/8")]))
            .Baseline(AdminNamespaces(Sel.All), p => p.EgressRule(AdminAction.Deny, [Networks("0.0.0.0/0")]))
            .Policy("b", "only-x", p => p.Select(Sel.All).Ingress(from: [Namespaces(Sel.All)], ports: [Tcp(22), Tcp(80)]))
            .Build(),
        "ingress" => new ClusterFixture()
            .Pod("shop", "web", p => p.Labels(("app", "web")).Port("http", 8080))
            .Service("shop", "web", [("app", "web")], ClusterFixture.ServicePort(80, PortRef.Of("http"), "http"))
            .Ingress("shop", "web", "web", null)
            .Build(),
        _ => new ClusterFixture().Pod("a", "x").Pod("b", "y").Pod("c", "z").Build(),
    };

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Pair_listing_agrees_with_the_pair_query(string name)
    {
        var engine = ReachabilityEngine.Build(Sample(name));
        var listed = engine.ComputeMatrix().Pairs().Select(p => $"{p.Source} => {p.Destination} : {p.Connections}").ToList();
        var expected = new List<string>();
        var sources = engine.Peers.Where(p => p is not ExternalPeer || engine.ExternalSources.Any(e => e.Id == p.Id));
        foreach (var source in sources)
        {
            foreach (var destination in engine.Peers)
            {
                if (source.Id == destination.Id || destination is IngressControllerPeer) continue;
                if (destination is ExternalPeer && (source is not WorkloadPeer || !engine.ExternalDestinations.Any(e => e.Id == destination.Id))) continue;
                var allowed = engine.Connections(source, destination);
                if (!allowed.IsEmpty) expected.Add($"{source} => {destination} : {allowed}");
            }
        }
        Assert.Equal(expected, listed);
        Assert.NotEmpty(listed);
    }
}
