using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

public sealed class AdminPolicyReaderTests
{
    [Fact]
    public void Reads_priority_subject_rules_peers_and_ports()
    {
        var cluster = Clean("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: cluster-control}
            spec:
              priority: 34
              subject:
                pods:
                  namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: payments}}
                  podSelector: {matchLabels: {app: ledger}}
              ingress:
              - name: allow-monitoring
                action: Allow
                from:
                - namespaces: {matchLabels: {team: monitoring}}
                ports:
                - portNumber: {protocol: TCP, port: 9090}
                - portRange: {protocol: UDP, start: 1000, end: 2000}
                - namedPort: metrics
              egress:
              - name: pass-dns
                action: Pass
                to:
                - networks: [10.0.0.0/8, "fd00::/8"]
                - nodes: {matchExpressions: [{key: role, operator: Exists}]}
                - pods:
                    namespaceSelector: {}
                    podSelector: {matchLabels: {k8s-app: kube-dns}}
            """);
        var policy = Assert.Single(cluster.AdminPolicies);
        Assert.Equal(PolicyTier.Admin, policy.Tier);
        Assert.Equal(34, policy.Priority);
        Assert.Equal("", policy.Meta.Namespace);
        var subject = Assert.IsType<PodsSelector>(policy.Subject);
        Assert.Equal("kubernetes.io/metadata.name=payments", subject.Namespaces.ToString());
        Assert.Equal("app=ledger", subject.Pods.ToString());
        Assert.Equal(At(8, 7), subject.Span);

        var ingress = Assert.Single(policy.Ingress);
        Assert.Equal("allow-monitoring", ingress.Name);
        Assert.Equal(AdminAction.Allow, ingress.Action);
        Assert.Equal(At(11, 5), ingress.Span);
        Assert.Equal("team=monitoring", Assert.IsType<NamespacesSelector>(Assert.Single(ingress.Peers)).Namespaces.ToString());
        Assert.Equal(
            [new PolicyPort(Protocol.TCP, PortRef.Of(9090), null, At(16, 19)),
             new PolicyPort(Protocol.UDP, PortRef.Of(1000), 2000, At(17, 18)),
             new PolicyPort(Protocol.TCP, PortRef.Of("metrics"), null, At(18, 18)) { ProtocolOfContainerPort = true }],
            ingress.Ports.ToArray());

        var egress = Assert.Single(policy.Egress);
        Assert.Equal(AdminAction.Pass, egress.Action);
        Assert.Equal(PolicyDirections.Egress, egress.Direction);
        var networks = Assert.IsType<NetworksSelector>(egress.Peers[0]);
        Assert.Equal(["10.0.0.0/8", "fd00::/8"], networks.Networks.Select(n => n.Text));
        Assert.Equal(At(23, 18), networks.Networks[0].Span);
        Assert.Equal("role", Assert.IsType<NodesSelector>(egress.Peers[1]).Nodes.ToString());
        Assert.True(Assert.IsType<PodsSelector>(egress.Peers[2]).Namespaces.SelectsEverything);

        Assert.Contains(cluster.Namespaces, n => n.Name == "payments" && !n.Declared);
    }

    [Fact]
    public void Baseline_policy_has_tier_baseline()
    {
        var policy = Assert.Single(Clean("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              ingress:
              - {action: Deny, from: [{namespaces: {}}]}
            """).AdminPolicies);
        Assert.Equal(PolicyTier.Baseline, policy.Tier);
        Assert.True(Assert.IsType<NamespacesSelector>(policy.Subject).Namespaces.SelectsEverything);
        Assert.Equal(AdminAction.Deny, policy.Ingress[0].Action);
        Assert.Equal("BaselineAdminNetworkPolicy", policy.Meta.Ref.Kind);
    }

    [Fact]
    public void Api_validation_errors_are_reported()
    {
        var loaded = Load("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: too-low}
            spec:
              priority: 1001
              subject: {namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}
              ingress:
              - {action: Maybe, from: [{namespaces: {}}]}
              - {action: Allow, from: []}
              - {action: Allow, from: [{}]}
              egress:
              - {action: Deny, to: [{networks: [10.0.0.0/33]}]}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: mine}
            spec:
              subject: {namespaces: {}}
              egress:
              - {action: Pass, to: [{namespaces: {}}]}
            """);
        Assert.Equal("""
            m.yaml:5:13: invalid-object: AdminNetworkPolicy too-low: spec.priority: 1001 is outside 0..1000
            m.yaml:6:12: invalid-object: AdminNetworkPolicy too-low: spec.subject: exactly one of namespaces or pods must be set, found 2
            m.yaml:8:14: invalid-object: AdminNetworkPolicy too-low: spec.ingress[0].action: "Maybe" is not an action (expected Allow, Deny or Pass)
            m.yaml:9:27: invalid-peer: AdminNetworkPolicy too-low: spec.ingress[1].from: at least one peer is required
            m.yaml:10:28: invalid-peer: AdminNetworkPolicy too-low: spec.ingress[2].from[0]: a peer must set exactly one of namespaces or pods
            m.yaml:12:37: invalid-cidr: AdminNetworkPolicy too-low: spec.egress[0].to[0].networks[0]: "10.0.0.0/33" is not a valid CIDR (expected a.b.c.d/n or an IPv6 prefix)
            m.yaml:14:1: invalid-object: BaselineAdminNetworkPolicy mine: metadata.name: a BaselineAdminNetworkPolicy must be named "default" (there is only one per cluster)
            m.yaml:20:14: invalid-object: BaselineAdminNetworkPolicy mine: spec.egress[0].action: Pass is not allowed in a BaselineAdminNetworkPolicy (expected Allow or Deny)
            """, Messages(loaded));
        var anp = loaded.Cluster.AdminPolicies.Single(p => p.Tier == PolicyTier.Admin);
        Assert.Equal(1001, anp.Priority);
        // The rule with an unknown action cannot be represented; the others keep their positions.
        Assert.Equal([1, 2], anp.Ingress.Select(r => r.Index));
        Assert.Empty(loaded.Cluster.AdminPolicies.Single(p => p.Tier == PolicyTier.Baseline).Egress);
    }

    [Fact]
    public void Two_baseline_policies_named_default_are_a_duplicate()
    {
        var banp = """
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
            """;
        var loaded = Load(banp + "\n---\n" + banp);
        Assert.Equal("m.yaml:7:1: duplicate-object: BaselineAdminNetworkPolicy default: defined twice, first at m.yaml:1:1 and again here (kind, namespace and name must be unique; this one is ignored)", Messages(loaded));
        Assert.Single(loaded.Cluster.AdminPolicies);
    }
}
