using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// ClusterNetworkPolicy semantics and cluster-policy named ports, asked of both statements of
/// the semantics: the concrete engine and the SMT encoding must each give the answer the
/// network-policy-api reference (apis/v1alpha2/clusternetworkpolicy_types.go) gives.
/// </summary>
[Collection(SolverHeavyCollection.Name)]
public sealed class ClusterNetworkPolicySemanticsTests
{
    /// <summary>
    /// a/client, a/server (named ports dns UDP/53 and web TCP/8080), b/other, and a/host on the
    /// host network with the same labels as client.
    /// </summary>
    private const string Pods = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: a, labels: {team: a}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: b, labels: {team: b}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: a, labels: {app: client}}
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: host, namespace: a, labels: {app: client}}
        spec: {hostNetwork: true, containers: [{name: c, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: server, namespace: a, labels: {app: server}}
        spec:
          containers:
          - name: c
            image: x
            ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: web, containerPort: 8080}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: other, namespace: b, labels: {app: other}}
        spec: {containers: [{name: c, image: x}]}
        status: {podIP: 10.1.0.7}
        """;

    private const string DenyAllIngressToServer = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: a}
        spec: {podSelector: {matchLabels: {app: server}}, policyTypes: [Ingress]}
        """;

    private static string Cnp(string name, string tier, int priority, string rest) => $$"""
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: {{name}}}
        spec:
          tier: {{tier}}
          priority: {{priority}}
        {{string.Join("\n", rest.Split('\n').Select(l => "  " + l))}}
        """;

    private static readonly string ToServer = "subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: server}}}}";

    /// <summary>Asserts the engine and the SMT encoding both give <paramref name="expected"/>.</summary>
    private static void Both(Cluster cluster, string source, string destination, Protocol protocol, int port, bool expected)
    {
        var engine = ReachabilityEngine.Build(cluster);
        var from = cluster.Workload(source);
        var to = cluster.Workload(destination);
        var concrete = engine.Connections(new WorkloadPeer(from), new WorkloadPeer(to)).Contains(protocol, port);
        using var smt = PolicySolver.Create(cluster);
        var symbolic = smt.Allowed(new PodEndpoint(from), new PodEndpoint(to), port, protocol);
        Assert.True(expected == concrete, $"engine: {source} -> {destination} {protocol}/{port} is {(concrete ? "allowed" : "denied")}");
        Assert.True(expected == symbolic, $"SMT: {source} -> {destination} {protocol}/{port} is {(symbolic ? "allowed" : "denied")}");
    }

    [Theory]
    [InlineData("v1alpha1")]
    [InlineData("v1alpha2")]
    public void A_named_port_matches_the_container_port_with_that_ports_protocol(string version)
    {
        // v1alpha2: "DestinationNamedPort selects a destination port on a pod based on the
        // ContainerPort name." The name carries no protocol: a dns port on UDP 53 is UDP 53.
        var policy = version == "v1alpha1"
            ? """
              apiVersion: policy.networking.k8s.io/v1alpha1
              kind: AdminNetworkPolicy
              metadata: {name: dns}
              spec:
                priority: 1
                subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: server}}}}
                ingress: [{action: Allow, from: [{namespaces: {}}], ports: [{namedPort: dns}]}]
              """
            : Cnp("dns", "Admin", 1, ToServer + "\ningress: [{action: Accept, from: [{namespaces: {}}], protocols: [{destinationNamedPort: dns}]}]");
        var cluster = SmtCluster.Load(Pods, DenyAllIngressToServer, policy);
        Both(cluster, "client", "server", Protocol.UDP, 53, true);
        Both(cluster, "client", "server", Protocol.TCP, 53, false);
        Both(cluster, "client", "server", Protocol.TCP, 8080, false);
    }

    [Fact]
    public void Tiers_are_admin_then_network_policies_then_baseline_then_allow()
    {
        // "Policy tiers are evaluated in the following order: * Admin tier * NetworkPolicy tier * Baseline tier"
        // "If a given connection wasn't allowed or denied by any of the tiers, the default
        // kubernetes policy is applied, which says that all pods can communicate with each other."
        var cluster = SmtCluster.Load(Pods,
            DenyAllIngressToServer,
            Cnp("admin", "Admin", 10, ToServer + "\ningress: [{action: Accept, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 80}}}]}]"),
            Cnp("baseline", "Baseline", 10, "subject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}]"));
        Both(cluster, "client", "server", Protocol.TCP, 80, true);   // Admin Accept beats the NetworkPolicy isolation
        Both(cluster, "client", "server", Protocol.TCP, 81, false);  // NetworkPolicy: isolated, nothing allowed
        Both(cluster, "other", "client", Protocol.TCP, 81, false);   // not isolated: the Baseline Deny decides
        Both(cluster, "server", "client", Protocol.TCP, 81, true);   // nothing decides: allowed
    }

    [Fact]
    public void Baseline_policies_are_ordered_by_priority()
    {
        // "Policies with lower priority values have higher precedence, and are checked before
        // policies with higher priority values in the same tier."
        static Cluster With(int acceptPriority, int denyPriority) => SmtCluster.Load(Pods,
            Cnp("z-accept", "Baseline", acceptPriority, ToServer + "\ningress: [{action: Accept, from: [{namespaces: {}}]}]"),
            Cnp("a-deny", "Baseline", denyPriority, ToServer + "\ningress: [{action: Deny, from: [{namespaces: {}}]}]"));
        Both(With(1, 2), "client", "server", Protocol.TCP, 80, true);
        Both(With(3, 2), "client", "server", Protocol.TCP, 80, false);
    }

    [Fact]
    public void Pass_in_the_baseline_tier_falls_through_to_the_default_allow()
    {
        // "Pass: Skips all further ClusterNetworkPolicy rules in the current tier for the
        // selected traffic, and passes evaluation to the next tier." After Baseline comes the
        // default: "all pods can communicate with each other".
        var cluster = SmtCluster.Load(Pods,
            Cnp("pass", "Baseline", 1, ToServer + "\ningress: [{action: Pass, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 80}}}]}]"),
            Cnp("deny", "Baseline", 2, ToServer + "\ningress: [{action: Deny, from: [{namespaces: {}}]}]"));
        Both(cluster, "client", "server", Protocol.TCP, 80, true);
        Both(cluster, "client", "server", Protocol.TCP, 81, false);
    }

    [Fact]
    public void Accept_on_egress_leaves_the_destinations_ingress_in_force()
    {
        // Egress Accept: "Accepts the selected traffic, allowing it to egress." The destination
        // side is a separate decision: its NetworkPolicy still isolates it.
        var cluster = SmtCluster.Load(Pods, DenyAllIngressToServer,
            Cnp("out", "Admin", 1, "subject: {namespaces: {}}\negress: [{action: Accept, to: [{namespaces: {}}]}]"));
        Both(cluster, "client", "server", Protocol.TCP, 80, false);
        Both(cluster, "server", "client", Protocol.TCP, 80, true);
    }

    [Fact]
    public void Host_network_pods_are_neither_subjects_nor_pod_peers()
    {
        // "Note that host-networked pods are not included in subject selection." and, for the
        // namespaces and pods peers, "Note that host-networked pods are not included in this type of peer."
        var cluster = SmtCluster.Load(Pods,
            Cnp("deny", "Admin", 1, "subject: {namespaces: {}}\ningress: [{action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: client}}}}]}]"));
        Both(cluster, "client", "server", Protocol.TCP, 80, false);
        Both(cluster, "host", "server", Protocol.TCP, 80, true);   // not a pod peer
        Both(cluster, "server", "client", Protocol.TCP, 80, true);
        var asSubject = SmtCluster.Load(Pods,
            Cnp("deny", "Admin", 1, "subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: client}}}}\ningress: [{action: Deny, from: [{namespaces: {}}]}]"));
        Both(asSubject, "server", "client", Protocol.TCP, 80, false);
        Both(asSubject, "server", "host", Protocol.TCP, 80, true);  // not a subject
    }

    [Fact]
    public void Networks_match_pod_ips_too()
    {
        // "note that cluster-internal traffic will be checked against the rule as well. So if you
        // Accept or Deny traffic to "0.0.0.0/0", that will allow or deny all IPv4 pod-to-pod traffic as well."
        var cluster = SmtCluster.Load(Pods,
            Cnp("no-10", "Admin", 1, "subject: {namespaces: {}}\negress: [{action: Deny, to: [{networks: [10.1.0.0/16]}]}]"));
        Both(cluster, "client", "other", Protocol.TCP, 80, false);
        Both(cluster, "client", "server", Protocol.TCP, 80, true);
    }

    [Fact]
    public void A_peer_without_known_fields_fails_closed()
    {
        // "For "Accept" rules, "fail closed" means: "treat the rule as matching no traffic". For
        // "Deny" and "Pass" rules, "fail closed" means: "treat the rule as a 'Deny all' rule"."
        var accept = SmtCluster.Load(Pods, DenyAllIngressToServer,
            Cnp("p", "Admin", 1, ToServer + "\ningress: [{action: Accept, from: [{services: [x]}]}]"));
        Both(accept, "client", "server", Protocol.TCP, 80, false);
        var pass = SmtCluster.Load(Pods,
            Cnp("p", "Admin", 1, ToServer + "\ningress: [{action: Pass, from: [{services: [x]}], protocols: [{tcp: {destinationPort: {number: 80}}}]}]"));
        Both(pass, "client", "server", Protocol.TCP, 80, false);
        Both(pass, "client", "server", Protocol.UDP, 5353, false);
        Both(pass, "server", "client", Protocol.TCP, 80, true);
    }

    [Fact]
    public void A_baseline_rule_is_shadowed_by_a_baseline_policy_of_lower_priority_number_and_by_nothing_else()
    {
        var cluster = SmtCluster.Load(Pods,
            Cnp("first", "Baseline", 1, "subject: {namespaces: {}}\ningress: [{name: deny, action: Deny, from: [{namespaces: {}}]}]"),
            Cnp("second", "Baseline", 2, "subject: {namespaces: {}}\ningress: [{name: accept, action: Accept, from: [{namespaces: {matchLabels: {team: a}}}]}]"),
            Cnp("admin", "Admin", 900, "subject: {namespaces: {}}\ningress: [{name: late, action: Accept, from: [{namespaces: {}}]}]"));
        using var smt = PolicySolver.Create(cluster);
        var second = cluster.AdminPolicies.Single(p => p.Name == "second");
        var shadowing = smt.CheckAdminRuleShadowing(second, PolicyDirections.Ingress, 0);
        Assert.Equal(AdminShadowingKind.Shadowed, shadowing.Kind);
        Assert.Equal("first", Assert.Single(shadowing.ShadowingRules).Policy.Name);
        var first = cluster.AdminPolicies.Single(p => p.Name == "first");
        Assert.Equal(AdminShadowingKind.NotShadowed, smt.CheckAdminRuleShadowing(first, PolicyDirections.Ingress, 0).Kind);
        var admin = cluster.AdminPolicies.Single(p => p.Name == "admin");
        Assert.Equal(AdminShadowingKind.NotShadowed, smt.CheckAdminRuleShadowing(admin, PolicyDirections.Ingress, 0).Kind);
    }

    [Fact]
    public void An_admin_network_policy_rule_after_a_cnp_deny_still_decides_for_host_network_pods()
    {
        // The CNP's namespaces peer leaves host-network pods out ("Note that host-networked pods
        // are not included in this type of peer"); the v1alpha1 peer does not, so the later ANP
        // rule is not shadowed, and the solver's example involves a host-network pod.
        var cluster = SmtCluster.Load(Pods,
            Cnp("deny", "Admin", 1, "subject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}]}]"),
            """
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: allow}
            spec:
              priority: 2
              subject: {namespaces: {}}
              ingress: [{action: Allow, from: [{namespaces: {}}]}]
            """);
        using var smt = PolicySolver.Create(cluster);
        var allow = cluster.AdminPolicies.Single(p => p.Name == "allow");
        var result = smt.CheckAdminRuleShadowing(allow, PolicyDirections.Ingress, 0);
        Assert.Equal(AdminShadowingKind.NotShadowed, result.Kind);
        // Host-network pods are neither the CNP's peers nor its subjects: one end is one.
        Assert.True(result.Witness!.Source.HostNetwork || result.Witness.Destination.HostNetwork, result.Witness.ToString());
        var text = result.Witness.ToString();
        Assert.True(text.Contains("a/host[Pod]") || text.Contains("on the host network"), text);
        Both(cluster, "host", "server", Protocol.TCP, 80, true);
        Both(cluster, "client", "server", Protocol.TCP, 80, false);
    }

    [Fact]
    public void Nodes_and_domain_names_match_no_pod()
    {
        var cluster = SmtCluster.Load(Pods,
            Cnp("p", "Admin", 1, "subject: {namespaces: {}}\negress:\n- {action: Deny, to: [{nodes: {}}]}\n- {action: Deny, to: [{domainNames: [example.com]}]}"));
        Both(cluster, "client", "other", Protocol.TCP, 80, true);
        var notes = ReachabilityEngine.Build(cluster).Notes.Select(n => n.Code).ToArray();
        Assert.Contains("nodes-peer", notes);
        Assert.Contains("domain-names-peer", notes);
    }
}
