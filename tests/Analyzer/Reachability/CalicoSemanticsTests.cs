using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Tests.Model;

namespace PolicyLint.Analyzer.Tests.Reachability;

/// <summary>
/// Calico policies in the engine, each case read from YAML through the loader and checked
/// against Calico's documentation (quoted per test). Reach.Between asks both the pair query and
/// the matrix, so every case checks both paths.
/// </summary>
public sealed class CalicoSemanticsTests
{
    /// <summary>Namespaces a (team: web) and b (team: data), pods a/web, a/other, b/db (with IPs and service accounts).</summary>
    private const string Pods = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: a, labels: {team: web}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: b, labels: {team: data}}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: reader, namespace: a, labels: {role: reader}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: a, labels: {app: web}}
        spec:
          serviceAccountName: reader
          containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]
        status: {podIP: 10.1.0.5}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: other, namespace: a, labels: {app: other}}
        spec:
          containers: [{name: c, image: nginx}]
        status: {podIP: 10.2.0.5}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: b, labels: {app: db}}
        spec:
          containers: [{name: c, image: postgres, ports: [{name: pg, containerPort: 5432}, {name: metrics, containerPort: 9187}]}]
        status: {podIP: 10.3.0.5}
        """;

    private static Cluster Load(string policies)
    {
        var loaded = Loading.Load(Pods + "\n---\n" + policies);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == Severity.Error);
        return loaded.Cluster;
    }

    private static string Between(string policies, string source, string destination) =>
        Reach.Between(Load(policies), source, destination);

    /// <summary>The outside-address peer holding <paramref name="address"/> (as a source).</summary>
    private static Peer Outside(ReachabilityEngine engine, string address) =>
        engine.ExternalSources.First(p => p.Addresses.Contains(address));

    private const string Web = "a/web[Pod]";
    private const string Other = "a/other[Pod]";
    private const string Db = "b/db[Pod]";

    // "Policies in each Tier are then processed in order": "order ... Calico applies the policy with the lowest value first".
    [Fact]
    public void Lower_order_decides_first()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: allow-late}
            spec: {order: 20, selector: app == 'db', ingress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: deny-early}
            spec:
              order: 10
              selector: app == 'db'
              ingress: [{action: Deny, source: {selector: app == 'web'}}]
            """;
        Assert.Equal(Reach.None, Between(policies, Web, Db));
        Assert.Equal(Reach.All, Between(policies, Other, Db));
    }

    // "order ... No value indicates highest order (lowest precedence)": a policy without order comes
    // after every ordered one, whatever its name; equal orders go by name.
    [Fact]
    public void Missing_order_comes_last_and_ties_go_by_name()
    {
        const string unordered = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: a-deny}
            spec: {selector: app == 'db', ingress: [{action: Deny}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: z-allow}
            spec: {order: 1000, selector: app == 'db', ingress: [{action: Allow}]}
            """;
        Assert.Equal(Reach.All, Between(unordered, Web, Db));
        const string tie = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: b-allow}
            spec: {order: 5, selector: app == 'db', ingress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: a-deny}
            spec: {order: 5, selector: app == 'db', ingress: [{action: Deny}]}
            """;
        Assert.Equal(Reach.None, Between(tie, Web, Db));
    }

    // "If the Tier applies to the endpoint, but takes no action on the packet the packet is dropped"
    // and "If no policies within a tier apply to endpoints, the tier is skipped".
    [Fact]
    public void A_tier_that_applies_ends_in_a_deny_and_one_that_does_not_is_skipped()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: security}
            spec: {order: 100}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: security.db}
            spec:
              tier: security
              selector: app == 'db'
              ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'web'}, destination: {ports: [5432]}}]
            """;
        Assert.Equal("TCP 5432", Between(policies, Web, Db));
        Assert.Equal(Reach.None, Between(policies, Other, Db));
        Assert.Equal(Reach.All, Between(policies, Db, Web));
    }

    // "Pass - skips to the next tier that contains a policy that applies to the endpoint";
    // "This behaviour can be changed by setting the defaultAction of a tier to Pass";
    // "If the last Tier applying to the endpoint Passes the packet, that endpoint's Profiles are evaluated"
    // (Kubernetes pods: the kns.<namespace> profile, assumed to allow everything).
    [Fact]
    public void Pass_and_a_pass_default_go_on_to_the_next_tier_and_then_the_profile()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: security}
            spec: {order: 100}
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: platform}
            spec: {order: 200, defaultAction: Pass}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: security.db}
            spec:
              tier: security
              selector: app == 'db'
              ingress: [{action: Pass, source: {namespaceSelector: team == 'web'}}]
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: platform.db}
            spec:
              tier: platform
              selector: app == 'db'
              ingress: [{action: Deny, protocol: UDP}]
            """;
        Assert.Equal("SCTP 1-65535,TCP 1-65535", Between(policies, Web, Db));
        Assert.Equal(Reach.All, Between(policies, Web, Other));
    }

    // "Log - creates a log, and evaluation continues processing to the next rule".
    [Fact]
    public void Log_changes_nothing()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: db, namespace: b}
            spec:
              selector: app == 'db'
              ingress:
              - action: Log
              - action: Allow
                source: {namespaceSelector: all(), selector: app == 'web'}
            """;
        Assert.Equal(Reach.All, Between(policies, Web, Db));
        Assert.Equal(Reach.None, Between(policies, Other, Db));
    }

    // Kubernetes NetworkPolicies sit in the default tier at order 1000; the implicit deny is at the
    // end of the tier, so a Calico policy with a higher order still allows what they leave.
    [Fact]
    public void Kubernetes_policies_take_part_at_order_1000_in_the_default_tier()
    {
        const string kubernetes = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-from-web, namespace: b}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}}]}]
            """;
        const string denyBefore = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: deny-other, namespace: b}
            spec:
              order: 500
              ingress: [{action: Deny, source: {namespaceSelector: all(), selector: app == 'other'}}]
            """;
        const string allowAfter = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: allow-db-self, namespace: b}
            spec:
              order: 2000
              ingress: [{action: Allow, source: {selector: app == 'nobody'}}, {action: Allow, source: {nets: [10.9.0.0/16]}}]
            """;
        Assert.Equal(Reach.None, Between(kubernetes + "\n---\n" + denyBefore, Other, Db));
        Assert.Equal(Reach.All, Between(kubernetes + "\n---\n" + denyBefore, Web, Db));
        var cluster = Load(kubernetes + "\n---\n" + allowAfter);
        var engine = ReachabilityEngine.Build(cluster);
        var outside = Outside(engine, "10.9.0.1");
        Assert.Equal(Reach.All, engine.Connections(outside, engine.FindPeer(Db)!).ToString());
        Assert.Equal(Reach.None, engine.Connections(Outside(engine, "10.8.0.1"), engine.FindPeer(Db)!).ToString());
    }

    // "If types has no value, Calico defaults as follows": egress rules only -> Egress; no rules -> Ingress.
    [Fact]
    public void Types_default_from_the_rules_present()
    {
        const string egressOnly = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: out, namespace: b}
            spec: {selector: all(), egress: [{action: Allow, protocol: UDP, destination: {ports: [53]}}]}
            """;
        Assert.Equal(Reach.All, Between(egressOnly, Web, Db));
        Assert.Equal("UDP 53", Between(egressOnly, Db, Web));
        const string none = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: nothing, namespace: b}
            spec: {selector: all()}
            """;
        Assert.Equal(Reach.None, Between(none, Web, Db));
        Assert.Equal(Reach.All, Between(none, Db, Web));
    }

    // "The top-level selector in a NetworkPolicy selects over the workloads in the same namespace";
    // "If no namespaceSelector is present then the rule's selector matches the default scope for that
    // type of policy. (This is the same namespace for NetworkPolicy and all endpoints ... for GlobalNetworkPolicy)".
    [Fact]
    public void Rule_selectors_are_scoped_to_the_namespace_of_a_namespaced_policy()
    {
        const string namespaced = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: db, namespace: b}
            spec: {selector: all(), ingress: [{action: Allow, source: {selector: app == 'web'}}]}
            """;
        Assert.Equal(Reach.None, Between(namespaced, Web, Db));
        const string global = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec: {selector: app == 'db', ingress: [{action: Allow, source: {selector: app == 'web'}}]}
            """;
        Assert.Equal(Reach.All, Between(global, Web, Db));
        Assert.Equal(Reach.None, Between(global, Other, Db));
    }

    // namespaceSelector "Matches namespaces based on the labels that have been applied to the namespaces
    // ... Match a specific namespace by name using the projectcalico.org/name label"; a GlobalNetworkPolicy
    // selects a namespace "in the standard selector by using projectcalico.org/namespace".
    [Fact]
    public void Namespace_selectors_and_the_calico_namespace_labels()
    {
        const string byLabel = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: db, namespace: b}
            spec: {selector: all(), ingress: [{action: Allow, source: {namespaceSelector: team == 'web'}}]}
            """;
        Assert.Equal(Reach.All, Between(byLabel, Other, Db));
        const string byName = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec:
              selector: projectcalico.org/namespace == 'b'
              ingress: [{action: Allow, source: {namespaceSelector: projectcalico.org/name == 'a', selector: app == 'web'}}]
            """;
        Assert.Equal(Reach.All, Between(byName, Web, Db));
        Assert.Equal(Reach.None, Between(byName, Other, Db));
        // global() "Match all non-namespaced resources": no pod.
        const string global = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: db, namespace: b}
            spec: {selector: all(), ingress: [{action: Allow, source: {namespaceSelector: global()}}]}
            """;
        Assert.Equal(Reach.None, Between(global, Web, Db));
    }

    // "notSelector: has(foo) matches packets from/to anywhere (including outside the cluster), except
    // traffic from/to endpoints and network sets that have the label foo".
    [Fact]
    public void Not_selector_matches_everything_but_what_it_selects()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec: {selector: app == 'db', ingress: [{action: Allow, source: {notSelector: app == 'web'}}]}
            """;
        Assert.Equal(Reach.None, Between(policies, Web, Db));
        Assert.Equal(Reach.All, Between(policies, Other, Db));
        var engine = ReachabilityEngine.Build(Load(policies));
        Assert.Equal(Reach.All, engine.Connections(Outside(engine, "8.8.8.8"), engine.FindPeer(Db)!).ToString());
    }

    // serviceAccountSelector "Selects the service account(s) to which this policy applies";
    // serviceAccounts "Match endpoints running under service accounts" by names and by selector.
    [Fact]
    public void Service_accounts_by_name_and_by_label()
    {
        const string byLabel = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec: {selector: app == 'db', ingress: [{action: Allow, source: {serviceAccounts: {selector: role == 'reader'}}}]}
            """;
        Assert.Equal(Reach.All, Between(byLabel, Web, Db));
        Assert.Equal(Reach.None, Between(byLabel, Other, Db));
        const string byName = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec: {selector: app == 'db', ingress: [{action: Allow, source: {serviceAccounts: {names: [default]}}}]}
            """;
        Assert.Equal(Reach.None, Between(byName, Web, Db));
        Assert.Equal(Reach.All, Between(byName, Other, Db));
        const string subject = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: readers}
            spec: {serviceAccountSelector: projectcalico.org/name == 'reader', types: [Egress]}
            """;
        Assert.Equal(Reach.None, Between(subject, Web, Db));
        Assert.Equal(Reach.All, Between(subject, Other, Db));
    }

    // nets "Match packets with IP in any of the listed CIDRs"; notNets "Match packets with IP not in any of the listed CIDRs".
    [Fact]
    public void Nets_and_not_nets_match_pod_ips_and_outside_addresses()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec:
              selector: app == 'db'
              ingress: [{action: Allow, source: {nets: [10.0.0.0/8], notNets: [10.2.0.0/16]}}]
            """;
        Assert.Equal(Reach.All, Between(policies, Web, Db));
        Assert.Equal(Reach.None, Between(policies, Other, Db));
        var engine = ReachabilityEngine.Build(Load(policies));
        Assert.Equal(Reach.All, engine.Connections(Outside(engine, "10.1.0.1"), engine.FindPeer(Db)!).ToString());
        Assert.Equal(Reach.None, engine.Connections(Outside(engine, "10.2.0.1"), engine.FindPeer(Db)!).ToString());
    }

    // Ports: "int 80 The exact (numeric) port", "start:end 6040:6050 All (numeric) ports within the range",
    // "string named-port A named port"; notPorts "Negative match on the specified ports"; notProtocol
    // "Negative protocol match".
    [Fact]
    public void Ports_ranges_named_ports_and_exclusions()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec:
              selector: app == 'db'
              ingress:
              - {action: Allow, protocol: TCP, destination: {ports: [80, '6040:6050', metrics], notPorts: [6045]}}
              - {action: Allow, notProtocol: TCP, source: {selector: app == 'web'}}
            """;
        Assert.Equal("TCP 80,6040-6044,6046-6050,9187", Between(policies, Other, Db));
        Assert.Equal("SCTP 1-65535,TCP 80,6040-6044,6046-6050,9187,UDP 1-65535", Between(policies, Web, Db));
    }

    // ICMP is not in the connection model: an Allow for ICMP allows none of the modelled traffic.
    [Fact]
    public void A_rule_for_icmp_matches_no_modelled_connection()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec: {selector: app == 'db', ingress: [{action: Allow, protocol: ICMP}]}
            """;
        Assert.Equal(Reach.None, Between(policies, Web, Db));
    }

    // "The Tier with name adminnetworkpolicy ... has the order of 1,000 and a default action of Pass":
    // a Calico tier ordered before it decides first, one ordered after it decides later.
    [Fact]
    public void The_admin_network_policy_tier_sits_at_order_1000()
    {
        const string anp = """
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: deny-web-to-db}
            spec:
              priority: 10
              subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}
              ingress: [{action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]}]
            """;
        const string tiers = """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: early}
            spec: {order: 100}
            ---
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: late}
            spec: {order: 2000}
            """;
        const string allowIn = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: TIER.allow}
            spec: {tier: TIER, selector: app == 'db', ingress: [{action: Allow}]}
            """;
        Assert.Equal(Reach.All, Between(anp + "\n---\n" + tiers + "\n---\n" + allowIn.Replace("TIER", "early"), Web, Db));
        Assert.Equal(Reach.None, Between(anp + "\n---\n" + tiers + "\n---\n" + allowIn.Replace("TIER", "late"), Web, Db));
        Assert.Equal(Reach.All, Between(anp + "\n---\n" + tiers + "\n---\n" + allowIn.Replace("TIER", "late"), Other, Db));
    }

    [Fact]
    public void Explain_names_the_policy_its_tier_rule_and_line()
    {
        const string policies = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: db}
            spec:
              selector: app == 'db'
              ingress:
              - action: Deny
                source: {selector: app == 'web'}
            """;
        var engine = ReachabilityEngine.Build(Load(policies));
        var explanation = engine.Explain(engine.FindPeer(Web)!, engine.FindPeer(Db)!);
        var rule = Assert.Single(explanation.Ingress.Rules);
        Assert.Equal("Calico GlobalNetworkPolicy db", rule.Rule.Policy.ToString());
        Assert.Equal(("default", 0, PolicyLayer.Calico, AdminAction.Deny), (rule.Rule.Tier, rule.Rule.Index, rule.Rule.Layer, rule.Action));
        Assert.Equal(Pods.Split('\n').Length + 8, rule.Rule.Span.Line);
        Assert.Equal(["Calico GlobalNetworkPolicy db"], explanation.Ingress.IsolatingPolicies.Select(p => p.ToString()));
    }
}
