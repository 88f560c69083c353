using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using static PolicyLint.Analyzer.Tests.Reachability.Sel;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>Workload-level results, host-network pods, and traffic from the ingress controller.</summary>
public class WorkloadAndIngressTests
{
    [Fact]
    public void A_workload_as_a_whole_reaches_another_with_the_union_over_its_pods_and_each_part_exactly()
    {
        var cluster = new ClusterFixture()
            .Workload("ns", "mixed", "ReplicaSet", p => p.Labels(("app", "x"), ("tier", "1")), p => p.Labels(("app", "x"), ("tier", "2")))
            .Pod("ns", "db", ("app", "db"))
            .Policy("ns", "p", p => p.Select(("app", "db")).Ingress(from: [Pods(Labels(("tier", "1")))], ports: [Tcp(5432)]))
            .Build();
        var engine = ReachabilityEngine.Build(cluster);
        Assert.Equal(3, engine.ClassCount);
        Assert.Equal("TCP 5432", engine.Connections(new WorkloadPeer(cluster.Workloads[0]), engine.FindPeer("ns/db[Pod]")!).ToString());
        Assert.Equal("TCP 5432", Reach.Between(cluster, "ns/mixed-0[Pod]", "ns/db[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns/mixed-1[Pod]", "ns/db[Pod]"));
    }

    [Fact]
    public void Pods_that_no_selector_tells_apart_share_a_class()
    {
        var cluster = new ClusterFixture()
            .Pod("ns", "a", ("app", "web"), ("version", "1"))
            .Pod("ns", "b", ("app", "web"), ("version", "2"))
            .Pod("ns", "c", ("app", "db"))
            .Policy("ns", "p", p => p.Select(("app", "db")).Ingress(from: [Pods(Labels(("app", "web")))]))
            .Build();
        Assert.Equal(2, ReachabilityEngine.Build(cluster).ClassCount);
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns/a[Pod]", "ns/b[Pod]"));
    }

    [Fact]
    public void Host_network_pods_are_ordinary_pods_with_a_note()
    {
        var cluster = new ClusterFixture()
            .Pod("ns", "agent", p => p.Labels(("app", "agent")).HostNetwork())
            .Pod("ns", "web", ("app", "web"))
            .Policy("ns", "p", p => p.Select(("app", "web")).Ingress(from: [Pods(Labels(("app", "agent")))], ports: [Tcp(80)]))
            .Build();
        Assert.Equal("TCP 80", Reach.Between(cluster, "ns/agent[Pod]", "ns/web[Pod]"));
        var engine = ReachabilityEngine.Build(cluster);
        var explanation = engine.Explain(engine.FindPeer("ns/agent[Pod]")!, engine.FindPeer("ns/web[Pod]")!);
        Assert.Contains(explanation.Notes, n => n.Code == "host-network");
    }

    private static ClusterFixture Exposed() => new ClusterFixture()
        .Pod("shop", "web", p => p.Labels(("app", "web")).Port("http", 8080).Port("admin", 9000))
        .Service("shop", "web", [("app", "web")],
            ClusterFixture.ServicePort(80, PortRef.Of("http"), "http"),
            ClusterFixture.ServicePort(9000, PortRef.Of(9000), "admin"),
            ClusterFixture.ServicePort(53, PortRef.Of(53), "dns", Protocol.UDP));

    [Fact]
    public void Ingress_reaches_the_backend_pods_on_the_resolved_target_port_only()
    {
        var cluster = Exposed().Ingress("shop", "web", "web", PortRef.Of(80)).Build();
        Assert.Equal("TCP 8080", Reach.Between(cluster, IngressControllerPeer.Name, "shop/web[Pod]"));
        var engine = ReachabilityEngine.Build(cluster);
        var explanation = engine.Explain(IngressControllerPeer.Instance, engine.FindPeer("shop/web[Pod]")!);
        Assert.Contains(explanation.Notes, n => n.Code == "ingress-exposure" && n.Message.EndsWith("TCP 8080"));
    }

    [Fact]
    public void Ingress_backend_by_service_port_name_and_without_port()
    {
        Assert.Equal("TCP 9000", Reach.Between(Exposed().Ingress("shop", "web", "web", PortRef.Of("admin")).Build(), IngressControllerPeer.Name, "shop/web[Pod]"));
        Assert.Equal("TCP 8080,9000", Reach.Between(Exposed().Ingress("shop", "web", "web", null).Build(), IngressControllerPeer.Name, "shop/web[Pod]"));
    }

    [Fact]
    public void Route_target_port_names_the_service_port()
    {
        var cluster = Exposed().Route("shop", "web", "web", PortRef.Of("http")).Build();
        Assert.Equal("TCP 8080", Reach.Between(cluster, IngressControllerPeer.Name, "shop/web[Pod]"));
    }

    [Fact]
    public void Ingress_traffic_is_still_subject_to_the_destination_policies()
    {
        var denied = Exposed().Ingress("shop", "web", "web", null)
            .Policy("shop", "only-own-ns", p => p.Select(("app", "web")).Ingress(from: [Pods(Sel.All)]))
            .Build();
        Assert.Equal(Reach.None, Reach.Between(denied, IngressControllerPeer.Name, "shop/web[Pod]"));
        var allowed = Exposed().Ingress("shop", "web", "web", null)
            .Policy("shop", "any-ns", p => p.Select(("app", "web")).Ingress(from: [Namespaces(Sel.All)], ports: [Tcp(8080)]))
            .Build();
        Assert.Equal("TCP 8080", Reach.Between(allowed, IngressControllerPeer.Name, "shop/web[Pod]"));
    }

    [Fact]
    public void No_ingress_controller_peer_without_ingresses_or_routes()
    {
        Assert.Null(ReachabilityEngine.Build(Exposed().Build()).FindPeer(IngressControllerPeer.Name));
    }
}
