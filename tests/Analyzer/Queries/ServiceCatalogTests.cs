using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using static PolicyLint.Analyzer.Tests.Queries.ExposureYaml;

namespace PolicyLint.Analyzer.Tests.Queries;

public class ServiceCatalogTests
{
    [Fact]
    public void Selects_the_workloads_of_its_namespace_whose_labels_contain_the_selector()
    {
        var cluster = Load(
            Deployment("a", "web"), Deployment("b", "web"), Deployment("a", "db"),
            Service("a", "web", "web", "    - port: 80\n"));
        var catalog = new ServiceCatalog(cluster);

        var backends = catalog.Backends(catalog.Find("a", "web")!);

        Assert.Equal(["a/web[Deployment]"], backends.Select(w => w.Id));
    }

    [Fact]
    public void A_service_without_selector_or_with_an_empty_one_has_no_backends()
    {
        var cluster = Load(
            Deployment("a", "web"),
            "apiVersion: v1\nkind: Service\nmetadata: {name: manual, namespace: a}\nspec:\n  ports: [{port: 80}]\n",
            "apiVersion: v1\nkind: Service\nmetadata: {name: empty, namespace: a}\nspec:\n  selector: {}\n  ports: [{port: 80}]\n");
        var catalog = new ServiceCatalog(cluster);

        Assert.Empty(catalog.Backends(catalog.Find("a", "manual")!));
        Assert.Empty(catalog.Backends(catalog.Find("a", "empty")!));
        Assert.False(catalog.Find("a", "empty")!.HasSelector);
    }

    [Theory]
    [InlineData("8080", "TCP", new[] { 8080 })]
    [InlineData("9999", "TCP", new[] { 9999 })]
    [InlineData("http", "TCP", new[] { 8080 })]
    [InlineData("http", "UDP", new int[0])]
    [InlineData("dns", "UDP", new[] { 5353 })]
    [InlineData("nope", "TCP", new int[0])]
    public void Target_ports_resolve_numbers_as_is_and_names_per_protocol(string target, string protocol, int[] expected)
    {
        var ports = "            - containerPort: 8080\n              name: http\n            - containerPort: 5353\n              name: dns\n              protocol: UDP\n";
        var cluster = Load(Deployment("a", "web", ports), Service("a", "web", "web", $"    - port: 80\n      targetPort: {target}\n      protocol: {protocol}\n"));
        var catalog = new ServiceCatalog(cluster);
        var service = catalog.Find("a", "web")!;

        var target0 = Assert.Single(catalog.Targets(service, service.Ports[0]));

        Assert.Equal(expected, target0.TargetPorts);
        Assert.Equal(expected.Length > 0, target0.Resolved);
    }

    [Fact]
    public void Targetport_defaults_to_the_port()
    {
        var cluster = Load(Deployment("a", "web"), Service("a", "web", "web", "    - port: 8080\n"));
        var catalog = new ServiceCatalog(cluster);
        var service = catalog.Find("a", "web")!;

        Assert.Equal(new[] { 8080 }, Assert.Single(catalog.Targets(service, service.Ports[0])).TargetPorts.ToArray());
    }

    [Fact]
    public void Ingress_ports_match_by_number_or_name_and_route_ports_also_by_target()
    {
        var cluster = Load(Service("a", "web", "web", "    - port: 80\n      name: http\n      targetPort: web\n    - port: 443\n      targetPort: 8443\n"));
        var service = new ServiceCatalog(cluster).Find("a", "web")!;

        Assert.Equal([80], service.PortsNamedByIngress(PortRef.Of(80)).Select(p => p.Port));
        Assert.Equal([80], service.PortsNamedByIngress(PortRef.Of("http")).Select(p => p.Port));
        Assert.Empty(service.PortsNamedByIngress(PortRef.Of(8443)));
        Assert.Equal([443], service.PortsNamedByRoute(PortRef.Of(8443)).Select(p => p.Port));
        Assert.Equal([80], service.PortsNamedByRoute(PortRef.Of("web")).Select(p => p.Port));
        Assert.Equal(2, service.PortsNamedByRoute(null).Length);
    }
}

public class ServiceEndpointIndexTests
{
    // Kubernetes, "Service": "when used with a corresponding set of EndpointSlices objects and
    // without a selector, the Service can abstract other kinds of backends, including ones that
    // run outside the cluster." An address is matched to a pod by value, however it is written.
    [Fact]
    public void An_endpoint_address_is_the_pod_with_that_ip_and_otherwise_an_outside_address()
    {
        var cluster = Load(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: a, labels: {app: db}}\nspec: {containers: [{name: c}]}\nstatus: {podIPs: [{ip: 10.0.0.5}, {ip: 'fd00::5'}]}\n",
            "apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: a}\nspec:\n  ports: [{port: 5432}]\n",
            "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: db-v6, namespace: a, labels: {kubernetes.io/service-name: db}}\naddressType: IPv6\nports: [{port: 5432}]\nendpoints: [{addresses: ['fd00:0:0::5']}, {addresses: ['2001:db8::1']}]\n",
            "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: other, namespace: b, labels: {kubernetes.io/service-name: db}}\naddressType: IPv4\nports: [{port: 5432}]\nendpoints: [{addresses: ['10.9.9.9']}]\n");
        var catalog = new ServiceCatalog(cluster);
        var service = catalog.Find("a", "db")!;

        var targets = catalog.Targets(service, service.Ports[0]);

        Assert.Equal(["a/db[Pod]", "2001:db8::1[External]"], targets.Select(t => t.Id));
        Assert.Equal(["a/db[Pod]"], catalog.Backends(service).Select(w => w.Id));
        Assert.All(targets, t => Assert.Equal(new[] { 5432 }, t.TargetPorts.ToArray()));
        Assert.True(ServiceCatalog.UsesEndpoints(service));
    }
}
