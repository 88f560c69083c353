using PolicyLint.Tests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using static PolicyLint.Analyzer.Tests.Queries.ExposureYaml;

namespace PolicyLint.Analyzer.Tests.Queries;

public class EntryPointQueryTests
{
    private static List<EntryPoint> Entries(params string[] documents) =>
        [.. EntryPointQuery.Run(ReachabilityEngine.Build(Load(documents)))];

    private static string NodePort(string ns, string name, string spec = "") =>
        Service(ns, name, name, "    - port: 80\n      targetPort: 8080\n      nodePort: 30080\n", "  type: NodePort\n" + spec);

    private static EntryPoint Single(List<EntryPoint> entries, EntryPointKind kind) => Assert.Single(entries, e => e.Kind == kind);

    [Fact]
    public void A_nodeport_in_front_of_unisolated_pods_is_open_to_the_internet_through_node_addresses()
    {
        var entry = Single(Entries(Deployment("a", "web"), NodePort("a", "web")), EntryPointKind.NodePort);

        Assert.Equal(Openness.Internet, entry.Openness);
        Assert.Equal(SourceAddress.Node, entry.SourceSeen);
        Assert.Equal(30080, entry.Port);
        Assert.Equal("every node", entry.Via);
        Assert.True(entry.Backends[0].Accepts);
    }

    [Fact]
    public void A_nodeport_in_front_of_pods_admitting_only_other_pods_is_closed()
    {
        var entry = Single(Entries(Deployment("a", "web"), NodePort("a", "web"),
            IngressPolicy("a", "web", "from: [{podSelector: {}}]\n")), EntryPointKind.NodePort);

        Assert.Equal(Openness.Closed, entry.Openness);
        Assert.False(entry.IsExposed);
        Assert.True(entry.Admitted.IsEmpty);
    }

    [Fact]
    public void With_local_traffic_policy_a_private_ipblock_does_not_expose()
    {
        var entry = Single(Entries(Deployment("a", "web"), NodePort("a", "web", "  externalTrafficPolicy: Local\n"),
            IngressPolicy("a", "web", "from: [{ipBlock: {cidr: 10.0.0.0/8}}]\n")), EntryPointKind.NodePort);

        Assert.Equal(SourceAddress.Client, entry.SourceSeen);
        Assert.Equal(Openness.Closed, entry.Openness);
    }

    [Fact]
    public void With_local_traffic_policy_an_ipblock_of_everything_exposes_to_the_internet()
    {
        var entry = Single(Entries(Deployment("a", "web"), NodePort("a", "web", "  externalTrafficPolicy: Local\n"),
            IngressPolicy("a", "web", "from: [{ipBlock: {cidr: 0.0.0.0/0}}]\n", "      ports: [{port: 8080}]\n")), EntryPointKind.NodePort);

        Assert.Equal(Openness.Internet, entry.Openness);
        Assert.True(OutsideAddresses.Internet.Intersect(IpSet.AllV4).IsSubsetOf(entry.Admitted));
        Assert.False(entry.Admitted.Contains("10.1.2.3"));
    }

    [Fact]
    public void With_cluster_traffic_policy_a_private_ipblock_admits_node_addresses_and_so_some_clients()
    {
        var entry = Single(Entries(Deployment("a", "web"), NodePort("a", "web"),
            IngressPolicy("a", "web", "from: [{ipBlock: {cidr: 10.0.0.0/8}}]\n")), EntryPointKind.NodePort);

        Assert.Equal(Openness.SomeAddresses, entry.Openness);
        Assert.Equal(OutsideAddresses.Parse(["10.0.0.0/8"]), entry.Admitted);
        Assert.Contains("whenever the forwarding node's address is in 10.0.0.0/8", EntryPointText.Sources(entry));
    }

    [Fact]
    public void A_rule_on_another_port_does_not_expose_the_target_port()
    {
        var entry = Single(Entries(Deployment("a", "web"), NodePort("a", "web", "  externalTrafficPolicy: Local\n"),
            IngressPolicy("a", "web", "from: [{ipBlock: {cidr: 0.0.0.0/0}}]\n", "      ports: [{port: 9090}]\n")), EntryPointKind.NodePort);

        Assert.Equal(Openness.Closed, entry.Openness);
    }

    [Fact]
    public void A_loadbalancer_is_open_to_its_source_ranges_and_its_node_port_to_the_internet()
    {
        var entries = Entries(Deployment("a", "web"),
            Service("a", "web", "web", "    - port: 443\n      targetPort: 8080\n",
                "  type: LoadBalancer\n  externalTrafficPolicy: Local\n  loadBalancerSourceRanges: [203.0.113.0/24]\n"));

        var balancer = Single(entries, EntryPointKind.LoadBalancer);
        var nodePort = Single(entries, EntryPointKind.NodePort);

        Assert.Equal(Openness.SomeAddresses, balancer.Openness);
        Assert.Equal(OutsideAddresses.Parse(["203.0.113.0/24"]), balancer.Admitted);
        Assert.Equal(Openness.Internet, nodePort.Openness);
        Assert.Null(nodePort.Port);
        Assert.Equal(443, balancer.Port);
    }

    [Fact]
    public void External_ips_and_host_ports_are_entry_points()
    {
        var entries = Entries(
            Deployment("a", "agent", "            - containerPort: 9100\n              hostPort: 19100\n"),
            Deployment("a", "web"),
            Service("a", "web", "web", "    - port: 8080\n", "  externalIPs: [198.51.100.10]\n"),
            IngressPolicy("a", "agent"));

        var external = Single(entries, EntryPointKind.ExternalIP);
        var host = Single(entries, EntryPointKind.HostPort);

        Assert.Equal("198.51.100.10", external.Via);
        Assert.Equal(Openness.Internet, external.Openness);
        Assert.Equal(Openness.Unfiltered, host.Openness);
        Assert.Equal(19100, host.Port);
        Assert.Equal(Tests.Model.Loading.At(19, 25), host.Span);
        Assert.Same(host, entries[0]);
    }

    [Fact]
    public void An_ingress_backend_is_exposed_only_when_the_controller_may_reach_it()
    {
        const string ingress = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop, namespace: a}
            spec:
              tls: [{hosts: [shop.example.com]}]
              rules:
                - host: shop.example.com
                  http:
                    paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}

            """;
        var open = Single(Entries(Deployment("a", "web"), Service("a", "web", "web", "    - port: 80\n      targetPort: 8080\n"), ingress), EntryPointKind.Ingress);
        var blocked = Single(Entries(Deployment("a", "web"), Service("a", "web", "web", "    - port: 80\n      targetPort: 8080\n"), ingress,
            IngressPolicy("a", "web")), EntryPointKind.Ingress);

        Assert.Equal(Openness.Internet, open.Openness);
        Assert.Equal("shop.example.com/ (TLS)", open.Via);
        Assert.Equal(443, open.Port);
        Assert.Equal(Openness.Closed, blocked.Openness);
        Assert.False(blocked.Backends[0].Accepts);
    }

    [Fact]
    public void Entry_points_come_most_open_first()
    {
        var entries = Entries(
            Deployment("a", "closed"), NodePort("a", "closed"), IngressPolicy("a", "closed"),
            Deployment("a", "ranged"), NodePort("a", "ranged", "  externalTrafficPolicy: Local\n"),
            IngressPolicy("a", "ranged", "from: [{ipBlock: {cidr: 203.0.113.0/24}}]\n"),
            Deployment("a", "open"), NodePort("a", "open"));

        Assert.Equal(["a/open", "a/ranged", "a/closed"], entries.Select(e => e.Object.QualifiedName));
        Assert.Equal([Openness.Internet, Openness.SomeAddresses, Openness.Closed], entries.Select(e => e.Openness));
    }

    [Fact]
    public void An_ingress_controller_workload_of_the_input_counts_as_the_controller()
    {
        const string ingress = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop, namespace: a}
            spec:
              defaultBackend: {service: {name: web, port: {number: 80}}}

            """;
        var fromControllerNamespace = IngressPolicy("a", "web", "from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]\n");
        string[] common = [Deployment("a", "web"), Service("a", "web", "web", "    - port: 80\n      targetPort: 8080\n"), ingress, fromControllerNamespace];

        var withController = Single(Entries([.. common, Deployment("ingress-nginx", "controller")]), EntryPointKind.Ingress);
        var without = Single(Entries(common), EntryPointKind.Ingress);

        Assert.Equal(Openness.Internet, withController.Openness);
        Assert.Equal(Openness.Closed, without.Openness);
    }

    [Fact]
    public void A_route_reaches_the_service_port_its_target_port_names()
    {
        const string route = """
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: shop, namespace: a}
            spec:
              host: shop.apps.example.com
              path: /api
              to: {kind: Service, name: web}
              port: {targetPort: 8080}
              tls: {termination: edge}

            """;
        var entries = Entries(Deployment("a", "web"),
            Service("a", "web", "web", "    - port: 80\n      targetPort: 8080\n    - port: 9090\n      name: metrics\n"), route);

        var entry = Single(entries, EntryPointKind.Route);

        Assert.Equal(80, entry.ServicePort!.Port);
        Assert.Equal("shop.apps.example.com/api (TLS)", entry.Via);
        Assert.Equal(443, entry.Port);
        Assert.Equal(SourceAddress.IngressController, entry.SourceSeen);
        Assert.Equal(Openness.Internet, entry.Openness);
    }
}

/// <summary>
/// A report reads what each outside range may send to a backend from the matrix it computed;
/// other callers ask the engine pair by pair. The entry points must be the same either way.
/// </summary>
public class EntryPointQueryFromMatrixTests
{
    [Theory]
    [InlineData("exposure")]
    [InlineData("demo")]
    [InlineData("cni")]
    public void Entry_points_read_from_the_matrix_are_those_asked_pair_by_pair(string input)
    {
        var engine = ReachabilityEngine.Build(ClusterLoader.Load([RepositoryRoot.TestData(input)]).Cluster);

        var byPair = EntryPointQuery.Run(engine);
        var fromMatrix = EntryPointQuery.Run(engine, matrix: engine.ComputeMatrix());

        Assert.NotEmpty(byPair);
        Assert.Equal(byPair.Select(Describe), fromMatrix.Select(Describe));
    }

    private static string Describe(EntryPoint e) =>
        $"{e.Kind} {e.Object} {e.Via} {e.Port} {e.Openness}: " +
        string.Join("; ", e.Backends.Select(b => $"{b.Target.Id} {b.Accepts} {b.Admitted}"));
}
