using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2), checked against the field names
/// and validation markers of the network-policy-api reference (apis/v1alpha2/clusternetworkpolicy_types.go).
/// </summary>
public sealed class ClusterNetworkPolicyReaderTests
{
    private static string Cnp(string name, string spec) => $$"""
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: {{name}}}
        spec:
        {{string.Join("\n", spec.Split('\n').Select(l => "  " + l))}}
        """;

    [Fact]
    public void Reads_tier_priority_subject_actions_peers_and_protocols()
    {
        var loaded = Load(Cnp("cluster-control", """
            tier: Admin
            priority: 34
            subject:
              pods:
                namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: payments}}
                podSelector: {matchLabels: {app: ledger}}
            ingress:
            - name: accept-monitoring
              action: Accept
              from:
              - namespaces: {matchLabels: {team: monitoring}}
              protocols:
              - tcp: {destinationPort: {number: 9090}}
              - udp: {destinationPort: {range: {start: 1000, end: 2000}}}
              - sctp: {destinationPort: {number: 9}}
              - destinationNamedPort: metrics
            egress:
            - name: pass-internal
              action: Pass
              to:
              - networks: [10.0.0.0/8, "fd00::/8"]
              - pods:
                  namespaceSelector: {}
                  podSelector: {matchLabels: {k8s-app: kube-dns}}
            - {name: deny, action: Deny, to: [{namespaces: {}}]}
            """));
        Assert.Equal("", Messages(loaded));
        Assert.Empty(loaded.SkippedKinds);
        var policy = Assert.Single(loaded.Cluster.AdminPolicies);
        Assert.Equal(PolicyTier.Admin, policy.Tier);
        Assert.Equal(34, policy.Priority);
        Assert.True(policy.IsClusterNetworkPolicy());
        var subject = Assert.IsType<PodsSelector>(policy.Subject);
        Assert.Equal("app=ledger", subject.Pods.ToString());

        var ingress = Assert.Single(policy.Ingress);
        Assert.Equal(("accept-monitoring", AdminAction.Allow), (ingress.Name, ingress.Action));
        Assert.Equal("Accept", policy.ActionName(ingress.Action));
        Assert.Equal(
            ["TCP 9090 at 17", "UDP 1000-2000 at 18", "SCTP 9 at 19", "named port metrics (its own protocol) at 20"],
            ingress.Ports.Select(p => $"{p} at {p.Span.Line}").ToArray());
        Assert.Equal([false, false, false, true], ingress.Ports.Select(p => p.ProtocolOfContainerPort).ToArray());

        Assert.Equal([AdminAction.Pass, AdminAction.Deny], policy.Egress.Select(r => r.Action));
        Assert.IsType<NetworksSelector>(policy.Egress[0].Peers[0]);
        Assert.IsType<PodsSelector>(policy.Egress[0].Peers[1]);
    }

    [Fact]
    public void Several_baseline_policies_with_priorities_and_any_name()
    {
        // "Priority is a value from 0 to 1000 indicating the precedence of the policy within its tier."
        var cluster = Clean(Cnp("baseline-a", """
            tier: Baseline
            priority: 7
            subject: {namespaces: {}}
            ingress: [{action: Deny, from: [{namespaces: {}}]}]
            """) + "\n---\n" + Cnp("default", """
            tier: Baseline
            priority: 3
            subject: {namespaces: {}}
            """) + "\n---\n" + Cnp("baseline-b", """
            tier: Baseline
            priority: 1000
            subject: {namespaces: {}}
            egress: [{action: Pass, to: [{namespaces: {}}]}]
            """));
        Assert.Equal([(PolicyTier.Baseline, 7), (PolicyTier.Baseline, 3), (PolicyTier.Baseline, 1000)],
            cluster.AdminPolicies.Select(p => (p.Tier, p.Priority)));
        Assert.Equal(AdminAction.Pass, cluster.AdminPolicies[2].Egress[0].Action);
    }

    [Theory]
    // "+kubebuilder:validation:Enum={"Admin", "Baseline"}" on Tier.
    [InlineData("tier: Platform\npriority: 1\nsubject: {namespaces: {}}", "m.yaml:5:9: invalid-object: ClusterNetworkPolicy p: spec.tier: \"Platform\" is not a tier (expected Admin or Baseline)")]
    [InlineData("priority: 1\nsubject: {namespaces: {}}", "m.yaml:5:3: invalid-object: ClusterNetworkPolicy p: spec.tier: required field is missing")]
    // "+kubebuilder:validation:Minimum=0" / "Maximum=1000" on Priority, in both tiers.
    [InlineData("tier: Baseline\npriority: 1001\nsubject: {namespaces: {}}", "m.yaml:6:13: invalid-object: ClusterNetworkPolicy p: spec.priority: 1001 is outside 0..1000")]
    // ClusterNetworkPolicySubject: "Exactly one field must be set."
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}, pods: {podSelector: {}}}", "m.yaml:7:12: invalid-object: ClusterNetworkPolicy p: spec.subject: exactly one of namespaces or pods must be set, found 2")]
    // NamespacedPod.PodSelector is "+required".
    [InlineData("tier: Admin\npriority: 1\nsubject: {pods: {namespaceSelector: {}}}", "m.yaml:7:19: invalid-object: ClusterNetworkPolicy p: spec.subject.pods.podSelector: required field is missing")]
    // ClusterNetworkPolicyRuleAction: "+kubebuilder:validation:Enum={"Accept", "Deny", "Pass"}" (Allow is v1alpha1's word).
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Allow, from: [{namespaces: {}}]}]", "m.yaml:8:22: invalid-object: ClusterNetworkPolicy p: spec.ingress[0].action: \"Allow\" is not an action (expected Accept, Deny or Pass)")]
    // From: "This field must be defined and contain at least one item."
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: []}]", "m.yaml:8:34: invalid-peer: ClusterNetworkPolicy p: spec.ingress[0].from: at least one peer is required")]
    // The ingress peer has namespaces and pods only; networks is an egress peer.
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: [{networks: [10.0.0.0/8]}]}]", "m.yaml:8:46: invalid-peer: ClusterNetworkPolicy p: spec.ingress[0].from[0].networks: networks is an egress peer only (expected namespaces or pods)")]
    // "+kubebuilder:validation:MaxProperties=1" on the peers.
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{namespaces: {}, networks: [10.0.0.0/8]}]}]", "m.yaml:8:32: invalid-peer: ClusterNetworkPolicy p: spec.egress[0].to[0]: a peer must set exactly one of namespaces, pods, nodes, networks or domainNames, found 2")]
    // PortRange: "+kubebuilder:validation:XValidation:rule="self.start < self.end""
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 80, end: 80}}}}]}]", "m.yaml:8:112: invalid-port: ClusterNetworkPolicy p: spec.egress[0].protocols[0].tcp.destinationPort.range.end: end 80 is not above start 80 (the start port must be less than the end port)")]
    // Port.Number: "+kubebuilder:validation:Minimum=1" / "Maximum=65535".
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{namespaces: {}}], protocols: [{udp: {destinationPort: {number: 0}}}]}]", "m.yaml:8:96: invalid-port: ClusterNetworkPolicy p: spec.egress[0].protocols[0].udp.destinationPort.number: 0 is not a valid port (expected 1-65535)")]
    // ClusterNetworkPolicyProtocol: "Exactly one field must be set."
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 1}}, destinationNamedPort: dns}]}]", "m.yaml:8:63: invalid-port: ClusterNetworkPolicy p: spec.egress[0].protocols[0]: exactly one of tcp, udp, sctp or destinationNamedPort must be set, found 2")]
    // ClusterNetworkPolicyProtocolTCP: "+kubebuilder:validation:MinProperties=1".
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {}}]}]", "m.yaml:8:69: invalid-object: ClusterNetworkPolicy p: spec.egress[0].protocols[0].tcp.destinationPort: required field is missing")]
    // "networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames"
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{networks: [10.0.0.0/8]}], protocols: [{destinationNamedPort: dns}]}]", "m.yaml:8:94: invalid-port: ClusterNetworkPolicy p: spec.egress[0].protocols: destinationNamedPort cannot be used with a networks, nodes or domainNames peer (they have no named ports)")]
    // DomainName: "+kubebuilder:validation:Pattern=..." ('*' only as a prefix).
    [InlineData("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Accept, to: [{domainNames: [\"a.*.example\"]}]}]", "m.yaml:8:49: invalid-peer: ClusterNetworkPolicy p: spec.egress[0].to[0].domainNames[0]: \"a.*.example\" is not a domain name (expected labels separated by dots, optionally starting with \"*.\")")]
    public void Invalid_fields_are_reported_where_they_are_written(string spec, string expected)
    {
        var loaded = Load(Cnp("p", spec));
        Assert.Contains(expected, Messages(loaded).Split('\n'));
        if (!expected.Contains("domainNames")) Assert.DoesNotContain(loaded.Diagnostics, d => d.RuleId == RuleIds.PeerNotModelled);
        Assert.True(loaded.HasErrors);
    }

    [Fact]
    public void Twenty_six_rules_or_a_long_rule_name_are_refused()
    {
        // "+kubebuilder:validation:MaxItems=25" on Ingress; "+kubebuilder:validation:MaxLength=100" on Name.
        var rules = string.Join("\n", Enumerable.Range(0, 26).Select(i => $"- {{action: Deny, from: [{{namespaces: {{}}}}]}}"));
        var loaded = Load(Cnp("p", $"tier: Admin\npriority: 1\nsubject: {{namespaces: {{}}}}\ningress:\n{rules}\negress:\n- {{name: {new string('n', 101)}, action: Deny, to: [{{namespaces: {{}}}}]}}"));
        var messages = Messages(loaded);
        Assert.Contains("spec.ingress: 26 rules, at most 25 are allowed", messages);
        Assert.Contains("spec.egress[0].name: 101 characters, at most 100 are allowed", messages);
    }

    [Fact]
    public void An_invalid_policy_does_not_stop_the_rest_of_the_input()
    {
        var loaded = Load(Cnp("broken", "tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Allow, from: [{namespaces: {}}]}]")
            + "\n---\n" + Cnp("fine", "tier: Admin\npriority: 2\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}]}]"));
        Assert.True(loaded.HasErrors);
        Assert.Equal(["broken", "fine"], loaded.Cluster.AdminPolicies.Select(p => p.Name));
        Assert.Empty(loaded.Cluster.AdminPolicies[0].Ingress);
        Assert.Single(loaded.Cluster.AdminPolicies[1].Ingress);
    }

    [Fact]
    public void Nodes_and_domain_names_are_read_and_reported_as_not_modelled()
    {
        // Both are "<network-policy-api:experimental>" egress peers.
        var loaded = Load(Cnp("p", """
            tier: Admin
            priority: 1
            subject: {namespaces: {}}
            egress:
            - {action: Deny, to: [{nodes: {matchLabels: {role: cp}}}]}
            - {action: Accept, to: [{domainNames: ["*.kubernetes.io", kubernetes.io]}]}
            """));
        Assert.False(loaded.HasErrors);
        var warnings = loaded.Diagnostics.Where(d => d.RuleId == RuleIds.PeerNotModelled).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(Severity.Warning, w.Severity));
        Assert.Equal(At(9, 25), warnings[0].Span);
        Assert.Contains("nodes peers (node IPs are not in the manifests) are not modelled: assumed to match no destination; traffic this rule denies there is shown as decided by later tiers, so answers may allow more than the cluster does", warnings[0].Message);
        Assert.Contains("domainNames peers (name resolution is not in the manifests) are not modelled: assumed to match no destination", warnings[1].Message);
        var policy = Assert.Single(loaded.Cluster.AdminPolicies);
        Assert.IsType<NodesSelector>(Assert.Single(policy.Egress[0].Peers));
        Assert.Equal(["*.kubernetes.io", "kubernetes.io"], Assert.IsType<DomainNamesSelector>(Assert.Single(policy.Egress[1].Peers)).Names.ToArray());
    }

    [Fact]
    public void A_peer_without_known_fields_fails_closed_as_the_api_asks()
    {
        // "If an implementation sees no fields are set then it can infer that the deployed CRD is
        // of an incompatible version with an unknown field. In that case it should fail closed.
        // For "Accept" rules, "fail closed" means: "treat the rule as matching no traffic". For
        // "Deny" and "Pass" rules, "fail closed" means: "treat the rule as a 'Deny all' rule"."
        var loaded = Load(Cnp("p", """
            tier: Admin
            priority: 1
            subject: {namespaces: {}}
            ingress:
            - {name: accept, action: Accept, from: [{services: [x]}, {namespaces: {matchLabels: {a: b}}}]}
            - {name: pass, action: Pass, from: [{services: [x]}], protocols: [{tcp: {destinationPort: {number: 80}}}]}
            - {name: empty, action: Deny, from: [{}]}
            """));
        var policy = Assert.Single(loaded.Cluster.AdminPolicies);
        var accept = policy.Ingress[0];
        Assert.Equal(AdminAction.Allow, accept.Action);
        Assert.IsType<NamespacesSelector>(Assert.Single(accept.Peers));
        var pass = policy.Ingress[1];
        Assert.Equal(("pass", AdminAction.Deny), (pass.Name, pass.Action));
        Assert.IsType<EveryPeerSelector>(Assert.Single(pass.Peers));
        Assert.Empty(pass.Ports);
        Assert.IsType<EveryPeerSelector>(Assert.Single(policy.Ingress[2].Peers));

        var messages = Messages(loaded).Split('\n');
        Assert.Contains("m.yaml:9:43: peer-not-modelled: ClusterNetworkPolicy p: spec.ingress[0].from[0]: sets no peer field PolicyLint knows (services); failing closed as the API asks, this Accept rule is read as matching no traffic from this peer", messages);
        Assert.Contains("m.yaml:10:39: peer-not-modelled: ClusterNetworkPolicy p: spec.ingress[1].from[0]: sets no peer field PolicyLint knows (services); failing closed as the API asks, this rule is read as 'Deny all' (every peer, every port)", messages);
        // "+kubebuilder:validation:MinProperties=1": the API server refuses an empty peer outright.
        Assert.Contains("m.yaml:11:40: invalid-peer: ClusterNetworkPolicy p: spec.ingress[2].from[0]: a peer must set exactly one of namespaces or pods; failing closed as the API asks, this rule is read as 'Deny all' (every peer, every port)", messages);
    }

    [Fact]
    public void A_cluster_network_policy_of_another_api_group_is_not_read_as_this_one()
    {
        var loaded = Load("""
            apiVersion: crd.antrea.io/v1beta1
            kind: ClusterNetworkPolicy
            metadata: {name: antrea}
            spec: {priority: 5, appliedTo: [{podSelector: {}}]}
            ---
            apiVersion: security.antrea.tanzu.vmware.com/v1alpha1
            kind: ClusterNetworkPolicy
            metadata: {name: old-antrea}
            spec: {priority: 5}
            """);
        Assert.Empty(loaded.Cluster.AdminPolicies);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Adminnetworkpolicy_named_port_takes_the_container_port_protocol()
    {
        var policy = Assert.Single(Clean("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: p}
            spec:
              priority: 1
              subject: {namespaces: {}}
              egress:
              - {action: Allow, to: [{namespaces: {}}], ports: [{namedPort: dns}]}
            """).AdminPolicies);
        var port = Assert.Single(policy.Egress[0].Ports);
        Assert.True(port.ProtocolOfContainerPort);
        Assert.Equal("named port dns (its own protocol)", port.ToString());
    }
}
