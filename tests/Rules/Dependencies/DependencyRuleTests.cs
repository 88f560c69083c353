using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Dependencies;

namespace PolicyLint.Rules.Tests.Dependencies;

/// <summary>dependency-blocked and dependency-unresolved: where they fire and the near misses where they must not.</summary>
public class DependencyRuleTests
{
    private const string File = "d.yaml";

    private static Cluster Load(string yaml)
    {
        var loaded = ClusterLoader.LoadTexts([(File, yaml)]);
        Assert.Empty(loaded.Diagnostics);
        return loaded.Cluster;
    }

    private static string Manifests(string value, string policies) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: main
                  env: [{name: ORDERS_URL, value: "{{{value}}}"}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: orders, namespace: shop}
        spec:
          selector: {matchLabels: {app: orders}}
          template:
            metadata: {labels: {app: orders}}
            spec: {containers: [{name: main, ports: [{containerPort: 8080, name: http}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: orders, namespace: shop}
        spec: {selector: {app: orders}, ports: [{port: 80, targetPort: http}]}
        ---
        {{{policies}}}
        """;

    private const string DenyOrdersIngress = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: orders-in, namespace: shop}
        spec: {podSelector: {matchLabels: {app: orders}}, policyTypes: [Ingress]}
        """;

    private const string AllowWebToOrders = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: orders-in, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: orders}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: http}]}]
        """;

    [Fact]
    public void Blocked_fires_on_the_client_at_the_declaring_value()
    {
        var findings = RuleRun.Analyze(new DependencyBlockedRule(), Load(Manifests("http://orders.shop/api", DenyOrdersIngress)));

        var finding = Assert.Single(findings);
        Assert.Equal(new ObjectRef("Deployment", "shop", "web"), finding.Object);
        Assert.Equal(new SourceSpan(File, 11, 43), finding.Span);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(
            "Deployment shop/web needs Service shop/orders port 80/TCP (container main, env ORDERS_URL = http://orders.shop/api), " +
            "but the policies block it: its backend refuses it at ingress: Deployment shop/orders (isolated by NetworkPolicy shop/orders-in, no rule admits it)",
            finding.Message);
    }

    [Fact]
    public void Blocked_does_not_fire_when_the_backends_admit_the_client_on_the_target_port() =>
        Assert.Empty(RuleRun.Analyze(new DependencyBlockedRule(), Load(Manifests("http://orders.shop/api", AllowWebToOrders))));

    [Fact]
    public void Blocked_does_not_fire_for_values_that_are_not_service_names() =>
        Assert.Empty(RuleRun.Analyze(new DependencyBlockedRule(), Load(Manifests("https://api.github.com/orders", DenyOrdersIngress))));

    [Fact]
    public void Unresolved_fires_for_an_in_cluster_name_without_a_service()
    {
        var finding = Assert.Single(RuleRun.Analyze(new DependencyUnresolvedRule(), Load(Manifests("http://payments.shop.svc.cluster.local:8443", AllowWebToOrders))));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(new SourceSpan(File, 11, 43), finding.Span);
        Assert.Equal(
            "Deployment shop/web names Service shop/payments port 8443 (container main, env ORDERS_URL = http://payments.shop.svc.cluster.local:8443), " +
            "but no Service shop/payments in the input; the dependency cannot be checked",
            finding.Message);
    }

    [Fact]
    public void Unresolved_does_not_fire_for_an_existing_service_or_an_external_host()
    {
        var rule = new DependencyUnresolvedRule();
        Assert.Empty(RuleRun.Analyze(rule, Load(Manifests("orders.shop.svc.cluster.local", AllowWebToOrders))));
        Assert.Empty(RuleRun.Analyze(rule, Load(Manifests("payments.example.com:8443", AllowWebToOrders))));
    }

    [Fact]
    public void The_configured_cluster_domain_decides_what_a_full_name_is()
    {
        var cluster = Load(Manifests("http://orders.shop.svc.corp.example/api", DenyOrdersIngress));
        Assert.DoesNotContain(RuleRun.Lint(cluster).Active, f => f.Diagnostic.RuleId == "dependency-blocked");
        var options = LintOptions.Default("/repo") with { Config = PolicyLint.Rules.Configuration.LintConfig.Default("/repo") with { ClusterDomain = "corp.example" } };
        Assert.Single(Linter.Lint(cluster, [], options).Active, f => f.Diagnostic.RuleId == "dependency-blocked");
    }

    [Fact]
    public void Blocked_and_unresolved_are_errors_and_warnings_in_the_catalog()
    {
        Assert.Equal(Severity.Error, RuleRegistry.Find("dependency-blocked")!.DefaultSeverity);
        Assert.Equal(Severity.Warning, RuleRegistry.Find("dependency-unresolved")!.DefaultSeverity);
    }
}
