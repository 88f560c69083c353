using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Model.Calico;

/// <summary>Reading and validating Calico objects: what Calico's validation refuses, and what is not modelled.</summary>
public sealed class CalicoPolicyReaderTests
{
    [Fact]
    public void Both_api_groups_are_read_and_told_apart_from_kubernetes_policies()
    {
        var cluster = Loading.Clean("""
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: p, namespace: shop}
            spec: {selector: app == 'web', order: 100.5, ingress: [{action: Allow}]}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: GlobalNetworkPolicy
            metadata: {name: g}
            spec: {tier: security, egress: [{action: Deny}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: shop}
            spec: {podSelector: {}}
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: security}
            spec: {order: 100, defaultAction: Pass}
            """);
        Assert.Single(cluster.NetworkPolicies);
        var (p, g) = (cluster.Calico.Policies[0], cluster.Calico.Policies[1]);
        Assert.Equal(("Calico NetworkPolicy shop/p", false, "default", 100.5, "app == 'web'"), (p.Meta.Ref.ToString(), p.Global, p.Tier, p.Order, p.Selector.Text));
        Assert.Equal(("Calico GlobalNetworkPolicy g", true, "security", (double?)null, "all()"), (g.Meta.Ref.ToString(), g.Global, g.Tier, g.Order, g.Selector.Text));
        Assert.Equal((100.0, TierDefaultAction.Pass), (cluster.Calico.Tiers[0].Order, cluster.Calico.Tiers[0].DefaultAction));
        Assert.Empty(cluster.NotModelledPolicies);
    }

    // "If types has no value, Calico defaults as follows": No/No Ingress, Yes/No Ingress, No/Yes Egress, Yes/Yes Ingress, Egress.
    [Theory]
    [InlineData("", PolicyDirections.Ingress)]
    [InlineData("ingress: [{action: Allow}]", PolicyDirections.Ingress)]
    [InlineData("egress: [{action: Allow}]", PolicyDirections.Egress)]
    [InlineData("ingress: [{action: Allow}], egress: [{action: Allow}]", PolicyDirections.Both)]
    [InlineData("types: [Egress], ingress: [{action: Allow}]", PolicyDirections.Egress)]
    public void Types_default_as_calico_documents(string rules, PolicyDirections expected)
    {
        var cluster = Loading.Clean($$"""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: g}
            spec: {selector: all(), {{rules}}}
            """);
        Assert.Equal(expected, cluster.Calico.Policies[0].Types);
    }

    [Fact]
    public void A_selector_that_does_not_parse_is_reported_at_its_column_and_the_rest_is_read()
    {
        var loaded = Loading.Load("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: g}
            spec:
              selector: app = 'web'
              ingress:
              - action: Allow
                source: {selector: "has(app"}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: ok}
            spec: {selector: all()}
            """);
        Assert.Equal(
            "m.yaml:5:17: invalid-selector: Calico GlobalNetworkPolicy g: spec.selector: \"app = 'web'\" is not a valid Calico selector: expected an operator after \"app\" (==, !=, in, not in, contains, starts with, ends with) (at character 5)\n" +
            "m.yaml:8:32: invalid-selector: Calico GlobalNetworkPolicy g: spec.ingress[0].source.selector: \"has(app\" is not a valid Calico selector: expected \")\", found the end of the selector (at character 8)",
            Loading.Messages(loaded));
        Assert.Equal(["g", "ok"], loaded.Cluster.Calico.Policies.Select(p => p.Name));
    }

    [Fact]
    public void What_calico_refuses_is_reported()
    {
        var loaded = Loading.Load("""
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: p, namespace: shop}
            spec:
              order: first
              namespaceSelector: all()
              types: [Inbound]
              ingress:
              - action: Accept
              - action: Allow
                destination: {ports: [80]}
              - action: Allow
                protocol: TCP
                destination: {ports: ['90:80', 70000, 'Bad_Name']}
              - action: Allow
                protocol: GRE
              - action: Allow
                source: {nets: [10.0.0.0/33]}
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: t}
            spec: {defaultAction: Allow}
            """);
        Assert.Equal("""
            m.yaml:5:10: invalid-object: Calico NetworkPolicy shop/p: spec.order: expected a number, found the scalar first
            m.yaml:6:22: invalid-object: Calico NetworkPolicy shop/p: spec.namespaceSelector: a namespaced Calico NetworkPolicy has no spec.namespaceSelector (it applies to its own namespace; use a GlobalNetworkPolicy)
            m.yaml:7:11: invalid-object: Calico NetworkPolicy shop/p: spec.types[0]: "Inbound" is not a policy type (expected Ingress or Egress)
            m.yaml:9:13: invalid-object: Calico NetworkPolicy shop/p: spec.ingress[0].action: "Accept" is not an action (expected Allow, Deny, Pass or Log)
            m.yaml:11:26: invalid-port: Calico NetworkPolicy shop/p: spec.ingress[1].destination.ports: ports may only be used with protocol TCP, UDP, SCTP or UDPLite (set the rule's protocol)
            m.yaml:14:27: invalid-port: Calico NetworkPolicy shop/p: spec.ingress[2].destination.ports[0]: "90:80" is not a port (expected 0-65535, a range "start:end" with start <= end, or a port name)
            m.yaml:14:36: invalid-port: Calico NetworkPolicy shop/p: spec.ingress[2].destination.ports[1]: "70000" is not a port (expected 0-65535, a range "start:end" with start <= end, or a port name)
            m.yaml:14:43: invalid-port: Calico NetworkPolicy shop/p: spec.ingress[2].destination.ports[2]: "Bad_Name" is not a port (expected 0-65535, a range "start:end" with start <= end, or a port name)
            m.yaml:16:15: invalid-object: Calico NetworkPolicy shop/p: spec.ingress[3].protocol: "GRE" is not a protocol (expected TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1-255)
            m.yaml:18:21: invalid-cidr: Calico NetworkPolicy shop/p: spec.ingress[4].source.nets[0]: "10.0.0.0/33" is not a valid CIDR (expected a.b.c.d/n or an IPv6 prefix)
            m.yaml:23:23: invalid-object: Calico Tier t: spec.defaultAction: "Allow" is not a default action (expected Deny or Pass)
            """.ReplaceLineEndings("\n"), Loading.Messages(loaded));
    }

    // Not modelled, and said so per object and field: doNotTrack, preDNAT, applyOnForward, HTTP
    // match, services, ICMP, source ports; HostEndpoints stay a policy kind not modelled.
    [Fact]
    public void What_is_not_modelled_is_said_per_field()
    {
        var loaded = Loading.Load("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: host}
            spec:
              selector: all()
              doNotTrack: true
              applyOnForward: true
              ingress:
              - action: Allow
                protocol: ICMP
              - action: Allow
                http: {methods: [GET]}
              - action: Allow
                protocol: TCP
                source: {ports: [1024]}
              egress:
              - action: Allow
                destination: {services: {name: kubernetes, namespace: default}}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node1-eth0}
            spec: {node: node1, interfaceName: eth0}
            """);
        Assert.Equal("""
            m.yaml:6:15: calico-not-modelled: Calico GlobalNetworkPolicy host: spec.doNotTrack: doNotTrack is not modelled (it concerns host endpoints, which are not in the manifests); the policy is analysed as for pods, where Calico ignores doNotTrack
            m.yaml:7:19: calico-not-modelled: Calico GlobalNetworkPolicy host: spec.applyOnForward: applyOnForward is not modelled (it concerns host endpoints, which are not in the manifests); the policy is analysed as for pods, where Calico ignores applyOnForward
            m.yaml:10:15: calico-not-modelled: Calico GlobalNetworkPolicy host: spec.ingress[0].protocol: protocol ICMP is not modelled (only TCP, UDP and SCTP are): the rule is read as matching none of the modelled traffic
            m.yaml:12:11: calico-not-modelled: Calico GlobalNetworkPolicy host: spec.ingress[1].http: an HTTP match (application layer policy) is not modelled: the rule is analysed as if it were absent, so it matches more traffic than in the cluster
            m.yaml:15:21: calico-not-modelled: Calico GlobalNetworkPolicy host: spec.ingress[2].source.ports: source ports are not modelled (connections are told apart by destination port): the rule is analysed as if they were absent
            m.yaml:18:29: calico-not-modelled: Calico GlobalNetworkPolicy host: spec.egress[0].destination.services: a services match is not modelled: the rule is analysed as if it were absent, so it matches more peers than in the cluster
            m.yaml:20:1: policy-kind-not-modelled: HostEndpoint node1-eth0: HostEndpoint of projectcalico.org/v3 is not modelled: its rules are not analysed, so the answers may allow more than the cluster does
            """.ReplaceLineEndings("\n"), Loading.Messages(loaded));
        Assert.Single(loaded.Cluster.Calico.Policies);
    }

    [Fact]
    public void Pods_carry_their_service_account()
    {
        var cluster = Loading.Clean("""
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: shop}
            spec: {serviceAccountName: reader, containers: [{name: c, image: nginx}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b, namespace: shop}
            spec: {containers: [{name: c, image: nginx}]}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: reader, namespace: shop, labels: {role: reader}}
            """);
        Assert.Equal(["reader", "default"], cluster.Workloads.Select(w => w.Pods[0].ServiceAccount));
        Assert.Equal("role=reader", cluster.Calico.ServiceAccounts[0].Meta.Labels.ToString());
    }

    // "If the last Tier applying to the endpoint Passes the packet, that endpoint's Profiles are evaluated":
    // Kubernetes pods' kns.<namespace> profiles allow everything, which is what PolicyLint assumes.
    [Fact]
    public void Profiles_that_allow_everything_match_the_assumption_and_others_are_reported()
    {
        var loaded = Loading.Load("""
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: kns.shop}
            spec:
              ingress: [{action: Allow}]
              egress: [{action: Allow}]
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: locked}
            spec:
              ingress: [{action: Deny}]
            """);
        Assert.Equal(
            "m.yaml:8:1: calico-not-modelled: Calico Profile locked: spec: Profiles are not modelled: every pod's profile is assumed to allow everything (as Calico's kns.<namespace> profiles do), and this one has other rules",
            Loading.Messages(loaded));
    }
}
