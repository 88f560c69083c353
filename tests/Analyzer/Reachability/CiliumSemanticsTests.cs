using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Tests.Model;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (docs/cilium.md), one construct per
/// test, each quoting the Cilium documentation it follows (docs.cilium.io, "Layer 3 Policies",
/// "Layer 4 Policies", "Using Kubernetes Constructs in Policy", "Deny Policies", and the CRD's
/// field descriptions). Every answer is asked both ways (pair and matrix, see <see cref="Reach"/>).
/// </summary>
public sealed class CiliumSemanticsTests
{
    private static string Pod(string ns, string name, string labels, string? serviceAccount = null, string? ip = null, string ports = "[]") =>
        "apiVersion: v1\nkind: Pod\n" +
        $"metadata: {{name: {name}, namespace: {ns}, labels: {{{labels}}}}}\n" +
        "spec:\n" +
        (serviceAccount is null ? "" : $"  serviceAccountName: {serviceAccount}\n") +
        $"  containers: [{{name: c, image: x, ports: {ports}}}]\n" +
        (ip is null ? "" : $"status: {{podIP: {ip}}}\n") +
        "---\n";

    private static string Namespace(string name, string labels) =>
        $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {name}, labels: {{{labels}}}}}\n---\n";

    private static string Cnp(string ns, string name, string spec) => $"""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
        {Indent(spec)}
        ---

        """;

    private static string Ccnp(string name, string spec) => $"""
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {"{"}name: {name}{"}"}
        spec:
        {Indent(spec)}
        ---

        """;

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "  " + l));

    /// <summary>Loads and insists there is no error (warnings are checked where a test expects them).</summary>
    private static Cluster Load(string yaml, out LoadedCluster loaded)
    {
        loaded = Loading.Load(yaml);
        Assert.Equal("", string.Join("\n", loaded.Diagnostics.Where(d => d.Severity == Severity.Error)));
        return loaded.Cluster;
    }

    private static Cluster Load(string yaml) => Load(yaml, out _);

    private static readonly string TwoNamespaces =
        Pod("ns1", "a", "app: a") + Pod("ns1", "b", "app: b") + Pod("ns2", "a", "app: a");

    [Fact]
    public void A_pod_selected_only_by_a_cilium_policy_is_isolated_in_that_direction()
    {
        // "If any rule selects an Endpoint and the rule has an ingress section, the endpoint goes
        // into default deny at ingress." (Policy Enforcement Modes, default)
        var cluster = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress:
            - fromEndpoints: [{matchLabels: {app: a}}]
              toPorts: [{ports: [{port: "80", protocol: TCP}]}]
            """));
        Assert.Equal("TCP 80", Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
        // egress of b is not selected: still open
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns1/b[Pod]", "ns1/a[Pod]"));
    }

    [Fact]
    public void Peer_selectors_of_a_namespaced_policy_stay_in_its_namespace_unless_they_name_one()
    {
        // "If the namespace label of policy rules is omitted it defaults to the same namespace
        // where the policy itself is applied in" and "Specifying the namespace by way of the
        // label k8s:io.kubernetes.pod.namespace in the fromEndpoints and toEndpoints fields is
        // supported".
        var sameNamespace = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEndpoints: [{matchLabels: {app: a}}]}]
            """));
        Assert.Equal(Reach.All, Reach.Between(sameNamespace, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(sameNamespace, "ns2/a[Pod]", "ns1/b[Pod]"));
        var named = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": ns2, "k8s:app": a}}]}]
            """));
        Assert.Equal(Reach.None, Reach.Between(named, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.All, Reach.Between(named, "ns2/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void The_endpoint_selector_of_a_namespaced_policy_never_leaves_its_namespace()
    {
        // "The endpointSelector always applies to pods in the namespace associated with the
        // CiliumNetworkPolicy resource itself."
        var cluster = Load(TwoNamespaces + Cnp("ns1", "deny-all", """
            endpointSelector: {}
            ingress: [{}]
            """));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns2/a[Pod]", "ns1/a[Pod]"));
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns1/a[Pod]", "ns2/a[Pod]"));
    }

    [Fact]
    public void An_empty_peer_selector_is_the_policy_namespace_in_a_cnp_and_every_namespace_in_a_ccnp()
    {
        // "An empty EndpointSelector will select all egress endpoints from an endpoint based on
        // the CiliumNetworkPolicy namespace"; a CiliumClusterwideNetworkPolicy "is not namespaced"
        // and its wildcard selector matches "all Cilium managed endpoints in the cluster".
        var cnp = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEndpoints: [{}]}]
            """));
        Assert.Equal(Reach.All, Reach.Between(cnp, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cnp, "ns2/a[Pod]", "ns1/b[Pod]"));
        var ccnp = Load(TwoNamespaces + Ccnp("b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEndpoints: [{}]}]
            """));
        Assert.Equal(Reach.All, Reach.Between(ccnp, "ns2/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void Namespace_label_keys_test_the_labels_of_the_peer_namespace()
    {
        // io.cilium.k8s.namespace.labels.* "within a fromEndpoints or toEndpoints is supported
        // ... for a CiliumClusterwideNetworkPolicy".
        var cluster = Load(Namespace("ns1", "team: shop") + Namespace("ns2", "team: ops") + TwoNamespaces + Ccnp("b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.team: ops}}]}]
            """));
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns2/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void The_service_account_label_selects_pods_by_spec_serviceAccountName()
    {
        // "Cilium supports the specification of network security policies based on the service
        // account identity of a pod" (io.cilium.k8s.policy.serviceaccount); a pod without
        // serviceAccountName runs as "default".
        var cluster = Load(Pod("ns", "luke", "app: x", serviceAccount: "luke") + Pod("ns", "other", "app: x") + Pod("ns", "leia", "app: leia", serviceAccount: "leia") + Cnp("ns", "sa", """
            endpointSelector: {matchLabels: {io.cilium.k8s.policy.serviceaccount: leia}}
            ingress: [{fromEndpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: luke}}]}]
            """));
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns/luke[Pod]", "ns/leia[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns/other[Pod]", "ns/leia[Pod]"));
        var byDefault = Load(Pod("ns", "plain", "app: x") + Pod("ns", "leia", "app: leia", serviceAccount: "leia") + Cnp("ns", "sa", """
            endpointSelector: {matchLabels: {app: leia}}
            ingress: [{fromEndpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: default}}]}]
            """));
        Assert.Equal(Reach.All, Reach.Between(byDefault, "ns/plain[Pod]", "ns/leia[Pod]"));
    }

    [Fact]
    public void World_is_every_outside_address_and_no_pod()
    {
        // world: "all endpoints outside of the cluster. Allowing to world is identical to allowing
        // to CIDR 0.0.0.0/0."
        var cluster = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEntities: [world]}]
            """));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.All, Reach.Between(cluster, "0.0.0.0-255.255.255.255[External]", "ns1/b[Pod]"));
    }

    [Fact]
    public void Cluster_is_every_pod_and_all_is_every_pod_and_address()
    {
        // cluster: "the logical group of all network endpoints inside of the local cluster";
        // all: "the combination of all known clusters as well world".
        var cluster = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEntities: [cluster]}]
            egress: [{toEntities: [all], toPorts: [{ports: [{port: "443", protocol: TCP}]}]}, {toCIDR: [10.0.0.0/8]}]
            """));
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns2/a[Pod]", "ns1/b[Pod]"));
        // No ingress rule names an address, so the outside is one peer on that side.
        Assert.Equal(Reach.None, Reach.Between(cluster, "0.0.0.0-255.255.255.255[External]", "ns1/b[Pod]"));
        Assert.Equal("TCP 443", Reach.Between(cluster, "ns1/b[Pod]", "ns2/a[Pod]"));
        // Outside 10.0.0.0/8 the ranges on both sides of the block are named alike: one peer.
        Assert.Equal("TCP 443", Reach.Between(cluster, "ns1/b[Pod]", "0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255[External]"));
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns1/b[Pod]", "10.0.0.0-10.255.255.255[External]"));
    }

    [Fact]
    public void Entities_made_of_nodes_or_cilium_endpoints_name_nothing_and_say_so()
    {
        // host, remote-node, kube-apiserver, health, init, unmanaged, ingress: none of them is a
        // pod or an outside address of the model; the loader warns per rule.
        var cluster = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEntities: [host, remote-node, kube-apiserver, health, init, unmanaged]}]
            """), out var loaded);
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
        var warning = Assert.Single(loaded.Diagnostics, d => d.RuleId == RuleIds.PeerNotModelled);
        Assert.Contains("entity kube-apiserver (not in the manifests)", warning.Message);
        Assert.Contains("may allow less than the cluster does", warning.Message);
    }

    [Fact]
    public void Cidr_sets_honour_except_and_never_match_pods()
    {
        // fromCIDRSet "except" carves holes; "CIDR selectors cannot select pods".
        var cluster = Load(Pod("ns", "a", "app: a", ip: "10.1.0.5") + Pod("ns", "b", "app: b") + Cnp("ns", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromCIDRSet: [{cidr: 10.0.0.0/8, except: [10.2.0.0/16]}]}]
            """));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns/a[Pod]", "ns/b[Pod]"));
        Assert.Equal(Reach.All, Reach.Between(cluster, "10.0.0.0-10.1.255.255,10.3.0.0-10.255.255.255[External]", "ns/b[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "0.0.0.0-9.255.255.255,10.2.0.0-10.2.255.255,11.0.0.0-255.255.255.255[External]", "ns/b[Pod]"));
    }

    [Fact]
    public void Ports_take_ranges_any_protocol_and_names()
    {
        // PortProtocol: "Protocol is the L4 protocol. If omitted or empty, any protocol matches";
        // "EndPort can only be an L4 port number"; a port "can be an L4 port number, or a name
        // in the form of \"http\" or \"http-8080\"".
        var cluster = Load(Pod("ns", "a", "app: a") + Pod("ns", "b", "app: b", ports: "[{name: dns, containerPort: 53, protocol: UDP}]") + Cnp("ns", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress:
            - fromEndpoints: [{matchLabels: {app: a}}]
              toPorts:
              - ports: [{port: "8000", endPort: 8080, protocol: TCP}, {port: "9000"}]
              - ports: [{port: dns}]
            """));
        Assert.Equal("SCTP 9000,TCP 8000-8080,9000,UDP 53,9000", Reach.Between(cluster, "ns/a[Pod]", "ns/b[Pod]"));
    }

    [Fact]
    public void A_rule_with_ports_and_no_peer_names_every_peer_and_an_empty_rule_names_none()
    {
        // "Layer 4 policy can be specified in isolation" (toPorts alone: any peer on those ports);
        // "An endpoint can be put into the default deny mode at ingress or egress if a rule
        // selects the endpoint and contains the respective rule section" (ingress: [{}]).
        var l4 = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{toPorts: [{ports: [{port: "80", protocol: TCP}]}]}]
            """));
        Assert.Equal("TCP 80", Reach.Between(l4, "ns2/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal("TCP 80", Reach.Between(l4, "0.0.0.0-255.255.255.255[External]", "ns1/b[Pod]"));
        var empty = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{}]
            """));
        Assert.Equal(Reach.None, Reach.Between(empty, "ns1/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void An_empty_rule_list_does_not_isolate()
    {
        // "Ingress is a list of IngressRule which are enforced at ingress. If omitted or empty,
        // this rule does not apply at ingress."
        var cluster = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: []
            """));
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void To_services_reaches_the_backends_of_the_service()
    {
        // "This feature uses the discovered services' label selector as an endpoint selector";
        // for a Service without a selector "The IPs in the service's EndpointSlices are
        // converted to CIDR selectors".
        var services = """
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: data}
            spec: {selector: {app: db}, ports: [{port: 5432}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: billing, namespace: data}
            spec: {ports: [{port: 443}]}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: billing, namespace: data}
            subsets: [{addresses: [{ip: 198.51.100.7}], ports: [{port: 443}]}]
            ---

            """;
        var cluster = Load(Pod("shop", "api", "app: api") + Pod("data", "db", "app: db") + Pod("data", "other", "app: other") + services + Cnp("shop", "api", """
            endpointSelector: {matchLabels: {app: api}}
            egress:
            - toServices: [{k8sService: {serviceName: db, namespace: data}}]
            - toServices: [{k8sService: {serviceName: billing, namespace: data}}]
            """));
        Assert.Equal(Reach.All, Reach.Between(cluster, "shop/api[Pod]", "data/db[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "shop/api[Pod]", "data/other[Pod]"));
        Assert.Equal(Reach.All, Reach.Between(cluster, "shop/api[Pod]", "198.51.100.7[External]"));
    }

    [Fact]
    public void A_deny_overrides_allows_of_cilium_and_kubernetes_policies()
    {
        // "Deny policies take precedence over allow policies, regardless of whether they are a
        // Cilium Network Policy, a Clusterwide Cilium Network Policy or even a Kubernetes
        // Network Policy."
        var np = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: ns1}
            spec: {podSelector: {}, ingress: [{}]}
            ---

            """;
        var cluster = Load(TwoNamespaces + np + Ccnp("deny-80", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromEndpoints: [{}]}]
            ingressDeny:
            - fromEndpoints: [{matchLabels: {app: a}}]
              toPorts: [{ports: [{port: "80", protocol: TCP}]}]
            """));
        Assert.Equal("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535", Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535", Reach.Between(cluster, "ns2/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void A_deny_overrides_an_admin_network_policy_allow_too()
    {
        // Cilium denies come before every layer (docs/cilium.md, layer order).
        var anp = """
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: allow}
            spec:
              priority: 1
              subject: {namespaces: {}}
              ingress: [{action: Allow, from: [{namespaces: {}}]}]
            ---

            """;
        var cluster = Load(TwoNamespaces + anp + Cnp("ns1", "deny", """
            endpointSelector: {matchLabels: {app: b}}
            enableDefaultDeny: {ingress: false}
            ingressDeny: [{fromEndpoints: [{matchLabels: {app: a}}]}]
            """));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns2/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void A_deny_only_policy_isolates_unless_default_deny_is_disabled()
    {
        // enableDefaultDeny: "If not specified, the default is true for each traffic direction
        // that has rules ... if a policy only has Ingress or IngressDeny rules, then the default
        // for ingress is true".
        var isolating = Load(TwoNamespaces + Cnp("ns1", "deny", """
            endpointSelector: {matchLabels: {app: b}}
            ingressDeny: [{fromEndpoints: [{matchLabels: {app: a}}]}]
            """));
        Assert.Equal(Reach.None, Reach.Between(isolating, "ns2/a[Pod]", "ns1/b[Pod]"));
        var open = Load(TwoNamespaces + Cnp("ns1", "deny", """
            endpointSelector: {matchLabels: {app: b}}
            enableDefaultDeny: {ingress: false}
            ingressDeny: [{fromEndpoints: [{matchLabels: {app: a}}]}]
            """));
        Assert.Equal(Reach.All, Reach.Between(open, "ns2/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(open, "ns1/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void Allows_of_a_policy_without_default_deny_join_the_union_when_something_else_isolates()
    {
        // "If multiple policies apply to an endpoint, that endpoint's default deny will be
        // enabled if any policy requests it"; allows of every policy are unioned.
        var np = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: isolate, namespace: ns1}
            spec: {podSelector: {matchLabels: {app: b}}, policyTypes: [Ingress]}
            ---

            """;
        var allow = Ccnp("allow-ns2", """
            endpointSelector: {matchLabels: {app: b}}
            enableDefaultDeny: {ingress: false}
            ingress: [{fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": ns2}}]}]
            """);
        var alone = Load(TwoNamespaces + allow);
        Assert.Equal(Reach.All, Reach.Between(alone, "ns1/a[Pod]", "ns1/b[Pod]"));
        var withIsolation = Load(TwoNamespaces + np + allow);
        Assert.Equal(Reach.None, Reach.Between(withIsolation, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.All, Reach.Between(withIsolation, "ns2/a[Pod]", "ns1/b[Pod]"));
    }

    [Fact]
    public void Each_entry_of_specs_is_a_rule_of_its_own()
    {
        var yaml = TwoNamespaces + """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: two, namespace: ns1}
            specs:
            - endpointSelector: {matchLabels: {app: b}}
              ingress: [{fromEndpoints: [{matchLabels: {app: a}}], toPorts: [{ports: [{port: "80", protocol: TCP}]}]}]
            - endpointSelector: {matchLabels: {app: a}}
              egress: [{toEndpoints: [{matchLabels: {app: b}}]}]
            """;
        var cluster = Load(yaml);
        Assert.Equal("TCP 80", Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns1/a[Pod]", "ns2/a[Pod]"));
    }

    [Fact]
    public void L7_rules_keep_the_l4_verdict_and_are_said_to_be_not_modelled()
    {
        // L7 rules filter requests on a connection the L3/L4 part allows.
        var cluster = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress:
            - fromEndpoints: [{matchLabels: {app: a}}]
              toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: /public}]}}]
            """), out var loaded);
        Assert.Equal("TCP 80", Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Contains(loaded.Diagnostics, d => d.RuleId == RuleIds.PeerNotModelled && d.Message.Contains("L7 rules of toPorts[0]: not modelled at L3/L4 precision"));
    }

    [Fact]
    public void Fqdn_and_icmp_only_rules_allow_nothing_here_and_say_so()
    {
        var cluster = Load(TwoNamespaces + Cnp("ns1", "b", """
            endpointSelector: {matchLabels: {app: b}}
            egress:
            - toFQDNs: [{matchName: example.com}]
            - toEndpoints: [{matchLabels: {app: a}}]
              icmps: [{fields: [{type: 8}]}]
            """), out var loaded);
        Assert.Equal(Reach.None, Reach.Between(cluster, "ns1/b[Pod]", "ns1/a[Pod]"));
        Assert.Equal(2, loaded.Diagnostics.Count(d => d.RuleId == RuleIds.PeerNotModelled));
    }

    [Fact]
    public void A_node_selector_rule_applies_to_no_pod_and_says_so()
    {
        var cluster = Load(TwoNamespaces + Ccnp("host", """
            nodeSelector: {}
            ingress: [{}]
            """), out var loaded);
        Assert.Equal(Reach.All, Reach.Between(cluster, "ns1/a[Pod]", "ns1/b[Pod]"));
        Assert.Contains(loaded.Diagnostics, d => d.RuleId == RuleIds.PeerNotModelled && d.Message.Contains("nodeSelector"));
    }

    [Fact]
    public void The_profile_does_not_change_cilium_semantics()
    {
        var cluster = Load(Pod("ns", "a", "app: a", ip: "10.1.0.5") + Pod("ns", "b", "app: b") + Cnp("ns", "b", """
            endpointSelector: {matchLabels: {app: b}}
            ingress: [{fromCIDR: [10.0.0.0/8]}, {fromEndpoints: [{matchLabels: {app: a}}], toPorts: [{ports: [{port: "80", protocol: TCP}]}]}]
            """));
        foreach (var profile in new[] { AnalysisProfile.Default, AnalysisProfile.NetpolAnalyzer })
        {
            Assert.Equal("TCP 80", Reach.Between(cluster, "ns/a[Pod]", "ns/b[Pod]", profile));
        }
    }
}
