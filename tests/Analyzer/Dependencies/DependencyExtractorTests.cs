using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries;
using static PolicyLint.Analyzer.Tests.Dependencies.DependencyYaml;

namespace PolicyLint.Analyzer.Tests.Dependencies;

/// <summary>Where dependencies come from and what they name (docs/dependencies.md).</summary>
public class DependencyExtractorTests
{
    private static readonly string Shop = Namespace("shop");
    private static readonly string Orders = Server("orders", "shop");

    private static DeclaredDependency Single(params string[] documents) => Assert.Single(Extract(documents));

    /// <summary>
    /// "DNS for Services and Pods": "A DNS query may return different results based on the
    /// namespace of the Pod making it. DNS queries that don't specify a namespace are limited to
    /// the Pod's namespace." and "a Pod in the test namespace can successfully resolve either
    /// data.prod or data.prod.svc.cluster.local".
    /// </summary>
    [Theory]
    [InlineData("http://orders:8080")]
    [InlineData("orders.shop")]
    [InlineData("orders.shop:8080")]
    [InlineData("orders.shop.svc")]
    [InlineData("orders.shop.svc.cluster.local")]
    [InlineData("grpc://orders.shop.svc.cluster.local:8080/api")]
    public void Every_form_of_a_service_name_is_read(string value)
    {
        var dependency = Single(Shop, Orders, Client("web", "shop", Env("ORDERS", value)));
        Assert.Equal("shop/orders", dependency.Name.ToString());
        Assert.NotNull(dependency.Service);
        Assert.True(dependency.Name.NeedsDns);
        Assert.Equal([8080], dependency.Ports.Select(p => p.Port));
    }

    [Fact]
    public void A_short_name_resolves_in_the_pods_own_namespace()
    {
        var dependency = Single(Shop, Namespace("other"), Server("orders", "other"), Client("web", "shop", Env("ORDERS", "http://orders:8080")));
        Assert.Equal("shop/orders", dependency.Name.ToString());
        Assert.Null(dependency.Service);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("true")]
    [InlineData("30s")]
    [InlineData("/var/lib/orders")]
    [InlineData("ops@orders.shop")]
    [InlineData("the orders.shop service")]
    [InlineData("api.github.com")]
    [InlineData("https://api.github.com")]
    [InlineData("example.com:443")]
    [InlineData("localhost:8080")]
    [InlineData("1.5")]
    public void Values_that_are_not_service_names_declare_nothing(string value) =>
        Assert.Empty(Extract(Shop, Orders, Client("web", "shop", Env("X", value))));

    [Fact]
    public void A_bare_word_counts_only_when_it_is_a_service_of_the_namespace()
    {
        Assert.Single(Extract(Shop, Orders, Client("web", "shop", Env("UPSTREAM", "orders"))));
        Assert.Empty(Extract(Shop, Orders, Client("web", "shop", Env("UPSTREAM", "payments"))));
    }

    [Fact]
    public void The_cluster_domain_is_configurable()
    {
        var cluster = Load(Shop, Orders, Client("web", "shop", Env("ORDERS", "orders.shop.svc.corp.example:8080")));
        Assert.Empty(DependencyExtractor.Extract(cluster));
        Assert.Single(DependencyExtractor.Extract(cluster, "corp.example"));
    }

    [Fact]
    public void The_span_is_the_value_that_declares_it()
    {
        var dependency = Single(Orders, Client("web", "shop", Env("ORDERS", "orders.shop:8080")));
        Assert.Equal("env ORDERS", dependency.Declaration.Origin);
        Assert.Equal("orders.shop:8080", dependency.Declaration.Text);
        // The Service's documents take 17 lines; the value's opening quote stands on the client's line 11.
        Assert.Equal(At(28, 39), dependency.Declaration.Span);
    }

    [Fact]
    public void Config_map_keys_count_through_config_map_key_ref_and_env_from_with_prefix()
    {
        var configMap = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {ORDERS_URL: "http://orders.shop:8080", LEVEL: info}

            """;
        var byKey = Single(configMap, Orders, Client("web", "shop",
            "          env: [{name: URL, valueFrom: {configMapKeyRef: {name: settings, key: ORDERS_URL}}}]"));
        Assert.Equal("env URL from ConfigMap shop/settings key ORDERS_URL", byKey.Declaration.Origin);
        Assert.Equal(At(4, 20), byKey.Declaration.Span);

        var byPrefix = Single(configMap, Orders, Client("web", "shop",
            "          envFrom: [{prefix: CFG_, configMapRef: {name: settings}}]\n          args: [\"$(CFG_ORDERS_URL)\"]"));
        Assert.Equal("ConfigMap shop/settings key ORDERS_URL (envFrom)", byPrefix.Declaration.Origin);
    }

    [Fact]
    public void Config_maps_of_another_namespace_and_missing_optional_ones_contribute_nothing()
    {
        var elsewhere = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: other}
            data: {ORDERS_URL: "http://orders.shop:8080"}

            """;
        Assert.Empty(Extract(elsewhere, Orders, Client("web", "shop", "          envFrom: [{configMapRef: {name: settings}}]")));
        Assert.Empty(Extract(Orders, Client("web", "shop", "          envFrom: [{configMapRef: {name: settings, optional: true}}]")));
    }

    /// <summary>
    /// Kubernetes, Service, "Environment variables": "When a Pod is run on a Node, the kubelet
    /// adds a set of environment variables for each active Service", "{SVCNAME}_SERVICE_HOST and
    /// {SVCNAME}_SERVICE_PORT variables, where the Service name is upper-cased and dashes are
    /// converted to underscores". The variable holds the cluster IP: no DNS is needed.
    /// </summary>
    [Fact]
    public void Service_variables_in_args_declare_a_dependency_without_dns()
    {
        var dependency = Single(Server("order-db", "shop", "[{port: 5432, name: pg}, {port: 9187, name: metrics}]"),
            Client("web", "shop", "          args: [\"--db=$(ORDER_DB_SERVICE_HOST):$(ORDER_DB_SERVICE_PORT_PG)\"]"));
        Assert.Equal(NameForm.ServiceLink, dependency.Name.Form);
        Assert.False(dependency.Name.NeedsDns);
        Assert.Equal([5432], dependency.Ports.Select(p => p.Port));
        Assert.Equal("args[0]", dependency.Declaration.Origin);
    }

    [Fact]
    public void Service_variables_expand_in_env_values_and_docker_link_variables_too()
    {
        var dependency = Single(Orders, Client("web", "shop", "          env: [{name: ORDERS, value: \"$(ORDERS_PORT)\"}]"));
        Assert.Equal(new ServiceReference("tcp", ServiceLinks.HostToken(dependency.Service!), 8080), dependency.Reference);
    }

    /// <summary>
    /// Pod spec API: "EnableServiceLinks indicates whether information about services should be
    /// injected into pod's environment variables, matching the syntax of Docker links. Optional:
    /// Defaults to true." The variables exist only for the Services of the pod's own namespace.
    /// </summary>
    [Fact]
    public void Service_variables_need_service_links_and_the_pods_own_namespace()
    {
        var args = "          args: [\"$(ORDERS_SERVICE_HOST)\"]";
        Assert.Single(Extract(Orders, Client("web", "shop", args)));
        Assert.Empty(Extract(Orders, Client("web", "shop", args, "      enableServiceLinks: false\n")));
        Assert.Empty(Extract(Orders, Client("web", "other", args)));
    }

    [Fact]
    public void An_escaped_reference_is_not_expanded() =>
        Assert.Empty(Extract(Orders, Client("web", "shop", "          args: [\"$$(ORDERS_SERVICE_HOST)\"]")));

    [Fact]
    public void Env_values_see_variables_defined_before_them()
    {
        var env = "          env:\n            - {name: HOST, value: orders.shop}\n            - {name: URL, value: \"http://$(HOST):8080\"}";
        var found = Extract(Shop, Orders, Client("web", "shop", env));
        // HOST alone names the Service (on its only port); URL names port 8080 again: one dependency per container.
        var dependency = Assert.Single(found);
        Assert.Equal("env HOST", dependency.Declaration.Origin);
    }

    [Fact]
    public void Init_containers_declare_too()
    {
        var podSpec = "      initContainers: [{name: wait, args: [\"orders.shop:8080\"]}]\n";
        var dependency = Single(Shop, Orders, Client("web", "shop", "          image: web", podSpec));
        Assert.Equal("wait", dependency.Declaration.Container);
    }
}
