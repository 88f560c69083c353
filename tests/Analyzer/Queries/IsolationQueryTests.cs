using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Tests.Queries;

public class IsolationQueryTests
{
    private const string Pods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: c}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {containers: [{name: c}]}
        ---
        """;

    private static WorkloadIsolation IsolationOf(string yaml, string workloadId)
    {
        var loaded = ClusterLoader.LoadTexts([("test.yaml", Pods + "\n" + yaml)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var engine = ReachabilityEngine.Build(loaded.Cluster);
        return Assert.Single(IsolationQuery.Run(engine), i => i.Workload.Id == workloadId);
    }

    [Fact]
    public void Egress_only_policy_without_policyTypes_isolates_both_directions()
    {
        var isolation = IsolationOf("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-egress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              egress: [{}]
            """, "shop/web[Pod]");

        Assert.True(isolation.IngressIsolated);
        Assert.True(isolation.EgressIsolated);
        Assert.Equal("shop/web-egress", Assert.Single(isolation.IngressPolicies).QualifiedName);
    }

    [Fact]
    public void Ingress_policy_isolates_only_the_pods_it_selects_and_only_for_ingress()
    {
        var yaml = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-ingress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
            """;

        var db = IsolationOf(yaml, "shop/db[Pod]");
        var web = IsolationOf(yaml, "shop/web[Pod]");

        Assert.True(db.IngressIsolated);
        Assert.False(db.EgressIsolated);
        Assert.False(web.IngressIsolated);
        Assert.False(web.IsIsolated(PolicyDirections.Egress));
    }

    [Fact]
    public void A_policy_in_another_namespace_does_not_isolate()
    {
        var isolation = IsolationOf("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: other}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """, "shop/web[Pod]");

        Assert.False(isolation.IngressIsolated);
        Assert.False(isolation.EgressIsolated);
    }
}
