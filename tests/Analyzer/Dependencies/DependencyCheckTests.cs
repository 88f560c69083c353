using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries;
using static PolicyLint.Analyzer.Tests.Dependencies.DependencyYaml;

namespace PolicyLint.Analyzer.Tests.Dependencies;

/// <summary>How a declared dependency is checked against the policies (docs/dependencies.md, "Status").</summary>
public class DependencyCheckTests
{
    private static readonly string Shop = Namespace("shop");
    private static readonly string Orders = Server("orders", "shop");
    private static readonly string Web = Client("web", "shop", Env("ORDERS", "http://orders.shop:8080"));
    private static readonly string DenyWebEgress = Policy("web-deny", "shop", "  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]");
    private static readonly string DenyOrdersIngress = Policy("orders-deny", "shop", "  podSelector: {matchLabels: {app: orders}}\n  policyTypes: [Ingress]");

    private static readonly string Dns = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: coredns, namespace: kube-system}
        spec:
          selector: {matchLabels: {k8s-app: kube-dns}}
          template:
            metadata: {labels: {k8s-app: kube-dns}}
            spec: {containers: [{name: dns, ports: [{containerPort: 53, protocol: UDP}, {containerPort: 53}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kube-dns, namespace: kube-system}
        spec:
          selector: {k8s-app: kube-dns}
          ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53}]

        """;

    private static string WebEgressTo(string app, string ports = "") =>
        Policy("web-egress", "shop", $"  podSelector: {{matchLabels: {{app: web}}}}\n  policyTypes: [Egress]\n  egress: [{{to: [{{podSelector: {{matchLabels: {{app: {app}}}}}}}]{ports}}}]");

    [Fact]
    public void Allowed_on_both_sides_is_reachable() =>
        Assert.Equal(DependencyStatus.Reachable, Assert.Single(Check(Shop, Orders, Web)).Status);

    [Fact]
    public void An_isolated_client_egress_blocks_it_and_names_the_policy()
    {
        var verdict = Assert.Single(Check(Shop, Orders, Web, DenyWebEgress));
        Assert.Equal(DependencyStatus.Blocked, verdict.Status);
        Assert.Equal("the client's egress refuses it (isolated by NetworkPolicy shop/web-deny, no rule admits it)", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void One_refusing_backend_is_enough_and_the_message_counts_them()
    {
        // Two Deployments behind one Service: only orders-b is isolated.
        var second = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders-b, namespace: shop}
            spec:
              selector: {matchLabels: {app: orders, track: b}}
              template:
                metadata: {labels: {app: orders, track: b}}
                spec: {containers: [{name: main}]}

            """;
        var denyB = Policy("b-deny", "shop", "  podSelector: {matchLabels: {track: b}}\n  policyTypes: [Ingress]");
        var verdict = Assert.Single(Check(Shop, Orders, second, Web, denyB));
        Assert.Equal(DependencyStatus.Blocked, verdict.Status);
        Assert.StartsWith("1 of 2 backends refuse it at ingress: Deployment shop/orders-b (isolated by NetworkPolicy shop/b-deny", Assert.Single(verdict.Reasons));
    }

    /// <summary>The Service port maps to the backend's targetPort; a named one resolves per pod.</summary>
    [Fact]
    public void A_named_target_port_is_checked_on_the_backends_container_port()
    {
        var orders = Server("orders", "shop", "[{port: 8080, targetPort: http}]", "[{containerPort: 9090, name: http}]");
        string Allow(int port) => Policy("orders-in", "shop",
            $"  podSelector: {{matchLabels: {{app: orders}}}}\n  policyTypes: [Ingress]\n  ingress: [{{ports: [{{port: {port}}}]}}]");
        Assert.Equal(DependencyStatus.Reachable, Assert.Single(Check(Shop, orders, Web, Allow(9090))).Status);
        Assert.Equal(DependencyStatus.Blocked, Assert.Single(Check(Shop, orders, Web, Allow(8080))).Status);
    }

    /// <summary>
    /// "DNS for Services and Pods": "kubelet configures Pods' DNS so that running containers can
    /// look up Services by name rather than IP." A name needs the cluster DNS; a
    /// $(X_SERVICE_HOST) is the cluster IP already.
    /// </summary>
    [Fact]
    public void A_name_needs_dns_and_a_service_variable_does_not()
    {
        var byName = Assert.Single(Check(Shop, Dns, Orders, Web, WebEgressTo("orders")));
        Assert.Equal(DependencyStatus.Blocked, byName.Status);
        Assert.Contains("the name needs the cluster DNS on UDP 53 and TCP 53, and UDP 53 and TCP 53 is refused", Assert.Single(byName.Reasons));

        var byVariable = Client("web", "shop", "          args: [\"http://$(ORDERS_SERVICE_HOST):$(ORDERS_SERVICE_PORT)\"]");
        Assert.Equal(DependencyStatus.Reachable, Assert.Single(Check(Shop, Dns, Orders, byVariable, WebEgressTo("orders"))).Status);
    }

    [Fact]
    public void Dns_needs_tcp_53_as_well_as_udp_53()
    {
        var dnsUdp = Policy("web-dns", "shop",
            "  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress: [{to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{port: 53, protocol: UDP}]}]");
        var verdict = Assert.Single(Check(Shop, Dns, Orders, Web, WebEgressTo("orders"), dnsUdp));
        Assert.Contains("TCP 53 is refused", Assert.Single(verdict.Reasons));

        var dnsBoth = dnsUdp.Replace("{port: 53, protocol: UDP}]", "{port: 53, protocol: UDP}, {port: 53}]");
        Assert.Equal(DependencyStatus.Reachable, Assert.Single(Check(Shop, Dns, Orders, Web, WebEgressTo("orders"), dnsBoth)).Status);
    }

    /// <summary>
    /// "DNS for Services and Pods": "Headless" (without a cluster IP) Services are also assigned a
    /// DNS A or AAAA record ... "Unlike normal Services, this resolves to the set of IPs of the
    /// pods selected by the Service." The client connects to the pods on the port it names; no
    /// Service port translates it.
    /// </summary>
    [Fact]
    public void A_headless_service_goes_to_the_pods_on_the_written_port()
    {
        var headless = Server("orders", "shop", "[{port: 80, targetPort: 8080}]", serviceSpec: "  clusterIP: None");
        var allow8080 = Policy("orders-in", "shop", "  podSelector: {matchLabels: {app: orders}}\n  policyTypes: [Ingress]\n  ingress: [{ports: [{port: 8080}]}]");
        var verdict = Assert.Single(Check(Shop, headless, Web, allow8080));
        Assert.True(verdict.Dependency.ToPodsDirectly);
        Assert.Equal(DependencyStatus.Reachable, verdict.Status);
    }

    [Fact]
    public void A_pod_dns_name_goes_to_the_pods_of_its_service()
    {
        var headless = Server("orders", "shop", "[{port: 8080}]", serviceSpec: "  clusterIP: None");
        var web = Client("web", "shop", Env("ORDERS", "orders-0.orders.shop.svc.cluster.local:8080"));
        var verdict = Assert.Single(Check(Shop, headless, web, DenyOrdersIngress));
        Assert.Equal(NameForm.Pod, verdict.Dependency.Name.Form);
        Assert.Equal(DependencyStatus.Blocked, verdict.Status);
    }

    /// <summary>
    /// Kubernetes, Service: "Services of type ExternalName map a Service to a DNS name". The
    /// connection leaves the cluster: never blocked on the in-cluster side.
    /// </summary>
    [Fact]
    public void An_external_name_service_is_never_blocked_and_says_what_egress_it_needs()
    {
        var external = """
            apiVersion: v1
            kind: Service
            metadata: {name: orders, namespace: shop}
            spec: {type: ExternalName, externalName: orders.example.com}

            """;
        var verdict = Assert.Single(Check(Shop, external, Web, DenyWebEgress));
        Assert.Equal(DependencyStatus.External, verdict.Status);
        Assert.Contains("egress to that host's addresses", Assert.Single(verdict.Reasons));
    }

    [Theory]
    [InlineData("http://orders.shop", new[] { 80 }, PortChoice.Scheme)]
    [InlineData("orders.shop:8080", new[] { 8080 }, PortChoice.Explicit)]
    [InlineData("redis://orders.shop", new[] { 80, 8080 }, PortChoice.EveryPort)]
    public void The_port_is_written_or_the_schemes_or_every_port(string value, int[] ports, PortChoice choice)
    {
        var orders = Server("orders", "shop", "[{port: 80, name: web}, {port: 8080, name: api}]");
        var dependency = Assert.Single(Extract(Shop, orders, Client("web", "shop", Env("ORDERS", value))));
        Assert.Equal(ports, dependency.Ports.Select(p => p.Port));
        Assert.Equal(choice, dependency.PortChoice);
        if (choice == PortChoice.EveryPort) Assert.Contains("on every port (80/TCP, 8080/TCP; the value names none)", dependency.TargetText);
    }

    [Fact]
    public void The_only_port_is_used_when_the_scheme_port_is_not_there()
    {
        var dependency = Assert.Single(Extract(Shop, Orders, Client("web", "shop", Env("ORDERS", "https://orders.shop"))));
        Assert.Equal(PortChoice.OnlyPort, dependency.PortChoice);
        Assert.Equal([8080], dependency.Ports.Select(p => p.Port));
    }

    [Fact]
    public void A_port_the_service_does_not_have_is_unresolved()
    {
        var verdict = Assert.Single(Check(Shop, Orders, Client("web", "shop", Env("ORDERS", "orders.shop:9999"))));
        Assert.Equal(DependencyStatus.Unresolved, verdict.Status);
        Assert.Equal("Service shop/orders has no port 9999 (its ports: 8080/TCP)", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void A_missing_service_is_unresolved() =>
        Assert.Equal(DependencyStatus.Unresolved, Assert.Single(Check(Shop, Client("web", "shop", Env("PAY", "payments.shop.svc:443")))).Status);
}
