using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>Namespaces: defaulting, the metadata.name label, implicit namespaces.</summary>
public sealed class ClusterBuilderTests
{
    [Fact]
    public void Declared_namespaces_get_the_name_label_and_referenced_ones_exist_implicitly()
    {
        var cluster = Clean("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {team: web, kubernetes.io/metadata.name: wrong}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: s, namespace: billing}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector:
                    matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [audit, ops]}]
            """);
        Assert.Equal(["audit", "billing", "default", "ops", "shop"], cluster.Namespaces.Select(n => n.Name));
        var shop = cluster.FindNamespace("shop")!;
        Assert.True(shop.Declared);
        Assert.Equal("team=web,kubernetes.io/metadata.name=shop", string.Join(",", shop.Labels.Reverse().Select(l => $"{l.Key}={l.Value}")));
        foreach (var name in new[] { "audit", "billing", "default", "ops" })
        {
            var ns = cluster.FindNamespace(name)!;
            Assert.False(ns.Declared);
            Assert.Equal(Labels.Of((Namespace.NameLabel, name)), ns.Labels);
        }
        Assert.Equal("default/p[Pod]", Assert.Single(cluster.Workloads).Id);
        Assert.DoesNotContain(cluster.Objects, o => o is Namespace { Declared: false });
    }

    [Fact]
    public void Cluster_scoped_kinds_have_no_namespace()
    {
        var cluster = Clean("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: a, namespace: ignored}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: anp, namespace: ignored}
            spec:
              priority: 1
              subject: {namespaces: {}}
            """);
        Assert.Equal("", cluster.FindNamespace("a")!.Meta.Namespace);
        Assert.Equal("", Assert.Single(cluster.AdminPolicies).Meta.Namespace);
        Assert.Equal(["a"], cluster.Namespaces.Select(n => n.Name));
    }

    [Fact]
    public void Same_name_in_different_namespaces_or_kinds_is_not_a_duplicate()
    {
        var cluster = Clean("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: a}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: b}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: a}
            spec: {template: {spec: {containers: [{name: c}]}}}
            """);
        Assert.Equal(2, cluster.Services.Length);
        Assert.Single(cluster.Workloads);
    }

    [Fact]
    public void Spans_of_policylint_annotations_are_recorded()
    {
        var policy = Assert.Single(Clean("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: p
              annotations:
                owner: team-a
                policylint.io/ignore: "redundant-rule"
            spec: {podSelector: {}}
            """).NetworkPolicies);
        Assert.Equal("redundant-rule", policy.Meta.Annotations["policylint.io/ignore"]);
        Assert.Equal(At(7, 27), policy.Meta.AnnotationSpan("policylint.io/ignore"));
        Assert.Equal(At(1, 1), policy.Meta.AnnotationSpan("owner"));
        Assert.Equal(["policylint.io/ignore"], policy.Meta.AnnotationSpans.Keys);
    }
}
