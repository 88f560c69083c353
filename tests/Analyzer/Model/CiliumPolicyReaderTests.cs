using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy (cilium.io/v2): what is read, and what
/// the CRD schema and Cilium's rule validation refuse (one finding with file:line each, the rest
/// of the input still read).
/// </summary>
public sealed class CiliumPolicyReaderTests
{
    private static string Cnp(string spec, string name = "p") => $"""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {"{"}name: {name}, namespace: ns{"}"}
        {spec}
        """;

    [Fact]
    public void Reads_spec_and_specs_as_separate_rules_with_their_paths()
    {
        var cluster = Clean(Cnp("""
            spec:
              endpointSelector: {matchLabels: {"k8s:app": a}}
              ingress: [{fromEndpoints: [{matchLabels: {app: b}}]}]
            specs:
            - endpointSelector: {matchLabels: {app: b}}
              egressDeny: [{toEntities: [world]}]
            """));
        var policy = Assert.Single(cluster.CiliumPolicies);
        Assert.False(policy.Clusterwide);
        Assert.Equal(["spec", "specs[0]"], policy.Rules.Select(r => r.Path));
        Assert.Equal("specs[0].egressDeny[0]", policy.Rules[1].EgressDeny[0].Field);
        Assert.True(policy.Rules[1].EgressDeny[0].Deny);
        // the k8s: source prefix is dropped; the subject stays in the policy's namespace
        Assert.Equal("app=a", policy.Rules[0].Subject!.Pods!.ToString());
        Assert.Equal("ns", policy.Rules[0].Subject!.OwnNamespace);
    }

    [Fact]
    public void Cilium_policies_are_no_longer_a_kind_not_modelled_and_calico_ones_still_are()
    {
        var loaded = Load(Cnp("spec: {endpointSelector: {}}") + """

            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: g}
            spec: {node: n1, interfaceName: eth0}
            """);
        Assert.Equal([RuleIds.PolicyKindNotModelled], loaded.Diagnostics.Select(d => d.RuleId));
        Assert.Contains("HostEndpoint", loaded.Diagnostics[0].Message);
    }

    [Theory]
    [InlineData("metadata2: {}", "m.yaml:1:1: invalid-object: CiliumNetworkPolicy ns/p: neither spec nor specs is set (Cilium refuses an empty policy)")]
    [InlineData("spec: {ingress: [{}]}", "m.yaml:4:7: invalid-object: CiliumNetworkPolicy ns/p: spec: exactly one of endpointSelector and nodeSelector is required (neither is set)")]
    [InlineData("spec: {nodeSelector: {}}", "m.yaml:4:22: invalid-object: CiliumNetworkPolicy ns/p: spec.nodeSelector: a CiliumNetworkPolicy cannot select nodes (nodeSelector is for CiliumClusterwideNetworkPolicy)")]
    [InlineData("spec: {endpointSelector: {}, ingress: [{fromEndpoints: [{}], fromCIDR: [10.0.0.0/8]}]}", "m.yaml:4:72: invalid-peer: CiliumNetworkPolicy ns/p: spec.ingress[0].fromCIDR: combining fromEndpoints and fromCIDR in one rule is not supported by Cilium (write two rules)")]
    [InlineData("spec: {endpointSelector: {}, egress: [{toEntities: [moon]}]}", "m.yaml:4:53: invalid-peer: CiliumNetworkPolicy ns/p: spec.egress[0].toEntities[0]: \"moon\" is not an entity (expected world, cluster, host, remote-node, kube-apiserver, ingress, init, health, unmanaged or all)")]
    [InlineData("spec: {endpointSelector: {}, egress: [{toCIDR: [10.0.0.0/33]}]}", "m.yaml:4:49: invalid-cidr: CiliumNetworkPolicy ns/p: spec.egress[0].toCIDR[0]: \"10.0.0.0/33\" is not a valid CIDR (expected a.b.c.d/n or an IPv6 prefix)")]
    [InlineData("spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"80\", protocol: HTTP}]}]}]}", "m.yaml:4:83: invalid-port: CiliumNetworkPolicy ns/p: spec.ingress[0].toPorts[0].ports[0].protocol: \"HTTP\" is not a protocol (expected TCP, UDP, SCTP, ICMP, ICMPv6, VRRP, IGMP or ANY)")]
    [InlineData("spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"70000\"}]}]}]}", "m.yaml:4:67: invalid-port: CiliumNetworkPolicy ns/p: spec.ingress[0].toPorts[0].ports[0].port: 70000 is not a valid port (expected 0-65535)")]
    [InlineData("spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"90\", endPort: 80}]}]}]}", "m.yaml:4:82: invalid-port: CiliumNetworkPolicy ns/p: spec.ingress[0].toPorts[0].ports[0].endPort: endPort 80 must be between port 90 and 65535")]
    [InlineData("spec: {endpointSelector: {matchExpressions: [{key: app, operator: Near}]}}", "m.yaml:4:67: invalid-selector: CiliumNetworkPolicy ns/p: spec.endpointSelector.matchExpressions[0].operator: \"Near\" is not a valid operator (expected In, NotIn, Exists or DoesNotExist)")]
    public void What_cilium_refuses_is_reported_with_file_and_line(string spec, string expected)
    {
        var loaded = Load(Cnp(spec));
        Assert.Equal(expected, Messages(loaded));
    }

    [Fact]
    public void Source_prefixed_keys_are_valid_and_other_sources_are_said_to_match_no_pod()
    {
        var loaded = Load(Cnp("""
            spec:
              endpointSelector: {matchLabels: {"any:app": a}}
              ingress: [{fromEndpoints: [{matchLabels: {"reserved:host": ""}}]}]
            """));
        var warning = Assert.Single(loaded.Diagnostics);
        Assert.Equal(RuleIds.PeerNotModelled, warning.RuleId);
        Assert.Contains("fromEndpoints[0] keys of sources other than k8s (they match no pod)", warning.Message);
    }

    [Fact]
    public void A_broken_policy_does_not_stop_the_next_object_from_being_read()
    {
        var loaded = Load(Cnp("spec: {ingress: [{}]}", "broken") + "\n---\n" + Cnp("spec: {endpointSelector: {}}", "fine"));
        Assert.Single(loaded.Diagnostics);
        Assert.Equal(["broken", "fine"], loaded.Cluster.CiliumPolicies.Select(p => p.Meta.Name));
    }
}
