using System.Text.Json;
using static PolicyLint.Cli.Tests.Dumps.DumpInput;

namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>
/// Services without a selector get their backends from Endpoints and EndpointSlices.
/// Kubernetes, "Service": "Services most commonly abstract access to Kubernetes Pods thanks to
/// the selector, but when used with a corresponding set of EndpointSlices objects and without a
/// selector, the Service can abstract other kinds of backends, including ones that run outside
/// the cluster." and "Because this Service has no selector, the corresponding EndpointSlice
/// objects are not created automatically. You can map the Service to the network address and
/// port where it's running, by adding an EndpointSlice object manually." An address that is a
/// pod's IP is that pod, whose policies decide; any other address is outside the cluster.
/// </summary>
public class SelectorlessServiceTests
{
    private const string Pods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {containers: [{name: pg, ports: [{containerPort: 5432}]}]}
        status: {podIP: 10.0.0.5}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: web, ports: [{containerPort: 8080}]}]}
        status: {podIP: 10.0.0.7}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api, namespace: shop, labels: {app: api}}
        spec: {containers: [{name: api}]}
        status: {podIP: 10.0.0.8}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-from-web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: 5432}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api-egress-in-cluster, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: api}}
          policyTypes: [Egress]
          egress:
          - to: [{podSelector: {}}]
        ---

        """;

    // Kubernetes, "Service" (Endpoints): "The name of the Endpoints object must be a valid DNS
    // subdomain name." and, for a Service without a selector, it has the Service's name.
    private const string WithEndpoints = Pods + """
        apiVersion: v1
        kind: Service
        metadata: {name: db, namespace: shop}
        spec:
          ports: [{port: 5432}]
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: db, namespace: shop}
        subsets:
        - addresses: [{ip: 10.0.0.5}, {ip: 203.0.113.9}]
          ports: [{port: 5432}]
        """;

    // Kubernetes, "EndpointSlices": "you can set the kubernetes.io/service-name label ... to the
    // name of the Service" (the slice belongs to that Service). A Service port is served on the
    // slice's port of the same name.
    private const string WithSlice = Pods + """
        apiVersion: v1
        kind: Service
        metadata: {name: db, namespace: shop}
        spec:
          ports:
          - {name: pg, port: 5432, targetPort: 5432}
          - {name: metrics, port: 9187}
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: db-1
          namespace: shop
          labels: {kubernetes.io/service-name: db}
        addressType: IPv4
        ports: [{name: pg, port: 15432, protocol: TCP}]
        endpoints:
        - addresses: ["10.0.0.5"]
        - addresses: ["203.0.113.9"]
        """;

    [Fact]
    public void Can_reach_a_service_asks_the_pod_listed_by_its_endpoints_and_its_outside_address()
    {
        var web = Run(WithEndpoints, "can-reach", "shop/web", "shop/db[Service]", "-", "--port", "5432");
        var api = Run(WithEndpoints, "can-reach", "shop/api", "shop/db[Service]", "-", "--port", "5432");

        Assert.Equal(0, web.ExitCode);
        Assert.Contains("accepts: shop/db[Pod] on 5432/TCP", web.Out);
        Assert.Contains("accepts: 203.0.113.9[External] on 5432/TCP", web.Out);
        // shop/db's policy admits only app=web; shop/api's egress admits only pods, not 203.0.113.9.
        Assert.Equal(1, api.ExitCode);
        Assert.Contains("refuses: shop/db[Pod] on 5432/TCP", api.Out);
        Assert.Contains("refuses: 203.0.113.9[External] on 5432/TCP", api.Out);
    }

    [Fact]
    public void The_service_view_lists_the_endpoint_backends_and_json_names_the_outside_address()
    {
        var text = Run(WithEndpoints, "report", "-");
        var json = Run(WithEndpoints, "report", "-", "--format", "json");

        Assert.Contains("    backend shop/db[Pod] on 5432/TCP\n    backend 203.0.113.9[External] on 5432/TCP\n", text.Out);
        Assert.Contains("    <- shop/web[Pod]  all backends accept", text.Out);
        Assert.DoesNotContain("<- shop/api[Pod]", text.Out);
        var service = JsonDocument.Parse(json.Out).RootElement.GetProperty("services")[0];
        Assert.Equal("shop/db[Service]", service.GetProperty("service").GetString());
        var backends = service.GetProperty("backends");
        Assert.Equal("shop/db[Pod]", backends[0].GetProperty("workload").GetString());
        Assert.Equal("203.0.113.9", backends[1].GetProperty("address").GetString());
    }

    [Fact]
    public void A_slice_serves_the_service_port_of_its_port_name_and_no_other()
    {
        var pg = Run(WithSlice, "can-reach", "shop/web", "shop/db[Service]", "-", "--port", "5432");
        var metrics = Run(WithSlice, "can-reach", "shop/web", "shop/db[Service]", "-", "--port", "9187", "--format", "json");

        Assert.Equal(0, pg.ExitCode); // the outside address accepts; shop/db admits app=web on 5432 only, and the slice's pg port is 15432
        Assert.Contains("refuses: shop/db[Pod] on 15432/TCP", pg.Out);
        Assert.Contains("accepts: 203.0.113.9[External] on 15432/TCP", pg.Out);
        var backends = JsonDocument.Parse(metrics.Out).RootElement.GetProperty("ports")[0].GetProperty("backends");
        Assert.All(backends.EnumerateArray(), b => Assert.Equal(0, b.GetProperty("targetPorts").GetArrayLength()));
        Assert.Equal(1, metrics.ExitCode);
    }

    [Fact]
    public void Lint_does_not_say_a_service_with_endpoints_selects_nothing_nor_that_its_target_port_is_unresolved()
    {
        var run = Run(WithSlice, "lint", "-", "--format", "json");

        Assert.DoesNotContain("service-selects-nothing", run.Out);
        Assert.DoesNotContain("service-target-port-unresolved", run.Out);
        Assert.DoesNotContain("service-unreachable", run.Out);
    }

    [Fact]
    public void A_selectorless_service_whose_only_pod_refuses_everyone_is_unreachable()
    {
        var locked = (Pods + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-deny, namespace: shop}
            spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-deny, namespace: shop}
            spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db-only, namespace: shop}
            spec: {ports: [{port: 5432}]}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: db-only, namespace: shop}
            subsets: [{addresses: [{ip: 10.0.0.5}], ports: [{port: 5432}]}]
            """).Replace("ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 5432}]", "ingress: []");

        var run = Run(locked, "lint", "-");

        Assert.Contains("Service shop/db-only: no workload in the input", run.Out);
    }

    [Fact]
    public void A_node_port_without_selector_exposes_the_pod_its_endpoints_list()
    {
        var yaml = Pods + """
            apiVersion: v1
            kind: Service
            metadata: {name: web-np, namespace: shop}
            spec:
              type: NodePort
              ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web-np, namespace: shop}
            subsets: [{addresses: [{ip: 10.0.0.7}], ports: [{port: 8080}]}]
            """;

        var run = Run(yaml, "report", "-");

        Assert.Contains("  NodePort 30080/TCP on every node (Service shop/web-np port 80/TCP)\n", run.Out);
        Assert.Contains("    reaches shop/web[Pod] on 8080/TCP\n", run.Out);
    }

    [Fact]
    public void A_service_with_a_selector_ignores_its_endpoints()
    {
        var yaml = Pods + """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{port: 8080}]}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web, namespace: shop}
            subsets: [{addresses: [{ip: 10.0.0.5}], ports: [{port: 8080}]}]
            """;

        var run = Run(yaml, "report", "-");

        Assert.Contains("    backend shop/web[Pod] on 8080/TCP\n", run.Out);
        Assert.DoesNotContain("backend shop/db[Pod]", run.Out);
    }

    [Fact]
    public void An_ingress_to_a_selectorless_service_reaches_the_pod_its_endpoints_list_on_the_endpoint_port()
    {
        var yaml = Pods + """
            apiVersion: v1
            kind: Service
            metadata: {name: web-manual, namespace: shop}
            spec: {ports: [{port: 80, targetPort: 8080}]}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web-manual, namespace: shop}
            subsets: [{addresses: [{ip: 10.0.0.7}], ports: [{port: 8080}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web-manual, port: {number: 80}}}}]}}]
            """;

        var report = Run(yaml, "report", "-", "--format", "connlist");
        var lint = Run(yaml, "lint", "-");

        Assert.Contains("{ingress-controller} => shop/web[Pod] : TCP 8080", Lines(report.Out));
        Assert.DoesNotContain("{ingress-controller} => shop/db[Pod]", report.Out);
        Assert.DoesNotContain("ingress-backend-blocked", lint.Out);
    }
}
