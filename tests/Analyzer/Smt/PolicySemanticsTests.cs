using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>Each README.md "Semantics and profiles" statement, checked on concrete connections through the SMT encoding.</summary>
public sealed class PolicySemanticsTests
{
    private static readonly AddressEndpoint Outside = new("192.0.2.1");

    [Fact]
    public void Without_policies_everything_is_allowed()
    {
        var cluster = WithPolicies();
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 1, Protocol.SCTP));
        Assert.True(encoding.Allowed(cluster.Pod("web"), Outside, 65535, Protocol.UDP));
    }

    [Fact]
    public void Deny_all_ingress_isolates_only_ingress_of_selected_pods()
    {
        var cluster = WithPolicies(Policy("deny", "prod", "podSelector: {}\npolicyTypes: [Ingress]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.False(encoding.Allowed(Outside, cluster.Pod("web"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("web"), cluster.Pod("client"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("web"), Outside, 80));
    }

    [Fact]
    public void Egress_rules_without_policyTypes_isolate_both_directions()
    {
        var cluster = WithPolicies(Policy("out", "prod", "podSelector: {matchLabels: {app: web}}\negress: [{}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("web"), cluster.Pod("client"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("db"), 80));
    }

    [Fact]
    public void Rules_of_a_direction_missing_from_policyTypes_are_ignored()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {}\npolicyTypes: [Ingress]\negress: [{to: [{podSelector: {matchLabels: {app: nothing}}}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(cluster.Pod("web"), cluster.Pod("client"), 80));
    }

    [Fact]
    public void Empty_rule_allows_everything_and_empty_list_nothing()
    {
        var cluster = WithPolicies(
            Policy("all", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{}]"),
            Policy("none", "prod", "podSelector: {matchLabels: {app: db}}\ningress: []"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(Outside, cluster.Pod("web"), 9, Protocol.UDP));
        Assert.False(encoding.Allowed(cluster.Pod("web"), cluster.Pod("db"), 5432));
    }

    [Fact]
    public void Pod_selector_peer_means_the_policy_namespace_namespace_selector_every_matching_namespace()
    {
        var cluster = WithPolicies(
            Policy("same-ns", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {}}]}]"),
            Policy("by-ns", "prod", "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(cluster.Pod("db"), cluster.Pod("web"), 80));
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("db"), 80));
        Assert.False(encoding.Allowed(cluster.Pod("web"), cluster.Pod("db"), 80));
    }

    [Fact]
    public void Both_selectors_in_one_peer_are_AND_two_peers_are_OR()
    {
        var and = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: db}}}]}]"));
        using (var encoding = PolicySolver.Create(and))
        {
            Assert.False(encoding.Allowed(and.Pod("client"), and.Pod("web"), 80));
            Assert.False(encoding.Allowed(and.Pod("db"), and.Pod("web"), 80));
        }
        var or = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}, {podSelector: {matchLabels: {app: db}}}]}]"));
        using (var encoding = PolicySolver.Create(or))
        {
            Assert.True(encoding.Allowed(or.Pod("client"), or.Pod("web"), 80));
            Assert.True(encoding.Allowed(or.Pod("db"), or.Pod("web"), 80));
            Assert.False(encoding.Allowed(or.Pod("ip-pod"), or.Pod("web"), 80));
        }
    }

    [Theory]
    [InlineData("{key: tier, operator: In, values: [data]}", true, false)]
    [InlineData("{key: tier, operator: NotIn, values: [data]}", false, true)]
    [InlineData("{key: tier, operator: Exists}", true, false)]
    [InlineData("{key: tier, operator: DoesNotExist}", false, true)]
    public void Selector_operators_and_absent_keys(string expression, bool dbAllowed, bool clientAllowed)
    {
        // db has tier=data; client has no tier label at all.
        var cluster = WithPolicies(Policy("p", "prod", $"podSelector: {{matchLabels: {{app: web}}}}\ningress: [{{from: [{{namespaceSelector: {{}}, podSelector: {{matchExpressions: [{expression}]}}}}]}}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.Equal(dbAllowed, encoding.Allowed(cluster.Pod("db"), cluster.Pod("web"), 80));
        Assert.Equal(clientAllowed, encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
    }

    [Fact]
    public void Namespace_name_label_is_always_there()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.False(encoding.Allowed(cluster.Pod("db"), cluster.Pod("web"), 80));
    }

    [Fact]
    public void Named_port_resolves_on_the_destination_with_the_same_protocol()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: http}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 8080));
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 8080, Protocol.UDP));
    }

    [Fact]
    public void Named_egress_port_resolves_on_the_peer_pod_and_never_on_an_address()
    {
        var cluster = WithPolicies(Policy("p", "dev", "podSelector: {}\npolicyTypes: [Egress]\negress: [{ports: [{port: pg}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("db"), 5432));
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 5432));
        Assert.False(encoding.Allowed(cluster.Pod("client"), Outside, 5432));
    }

    [Theory]
    [InlineData(999, false)]
    [InlineData(1000, true)]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    public void End_port_is_an_inclusive_range(int port, bool allowed)
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{protocol: UDP, port: 1000, endPort: 2000}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.Equal(allowed, encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), port, Protocol.UDP));
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), port, Protocol.TCP));
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.1.5.5", false)]
    [InlineData("10.2.0.0", false)]
    [InlineData("2001:db8::1", false)]
    public void IpBlock_with_except(string address, bool allowed)
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {}\npolicyTypes: [Egress]\negress: [{to: [{ipBlock: {cidr: 10.1.0.0/16, except: [10.1.5.0/24]}}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.Equal(allowed, encoding.Allowed(cluster.Pod("web"), new AddressEndpoint(address), 443));
    }

    [Fact]
    public void IpV6_blocks_match_IpV6_addresses()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {}\npolicyTypes: [Egress]\negress: [{to: [{ipBlock: {cidr: '2001:db8::/32', except: ['2001:db8:ff::/48']}}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(cluster.Pod("web"), new AddressEndpoint("2001:db8::1"), 443));
        Assert.False(encoding.Allowed(cluster.Pod("web"), new AddressEndpoint("2001:db8:ff::1"), 443));
        Assert.False(encoding.Allowed(cluster.Pod("web"), new AddressEndpoint("10.0.0.1"), 443));
    }

    [Fact]
    public void NetpolAnalyzer_profile_ignores_IpV6_blocks()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {}\npolicyTypes: [Egress]\negress: [{to: [{ipBlock: {cidr: '::/0'}}, {ipBlock: {cidr: 10.0.0.0/8}}]}]"));
        using var encoding = PolicySolver.Create(cluster, new SmtOptions(AnalysisProfile.NetpolAnalyzer));
        Assert.False(encoding.Allowed(cluster.Pod("web"), new AddressEndpoint("2001:db8::1"), 443));
        Assert.True(encoding.Allowed(cluster.Pod("web"), new AddressEndpoint("10.9.9.9"), 443));
    }

    [Theory]
    [InlineData(AnalysisProfile.Default, true)]
    [InlineData(AnalysisProfile.NetpolAnalyzer, false)]
    public void IpBlock_matches_a_pod_with_a_known_IP_only_in_the_default_profile(AnalysisProfile profile, bool allowed)
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{ipBlock: {cidr: 10.0.0.0/24}}]}]"));
        using var encoding = PolicySolver.Create(cluster, new SmtOptions(profile));
        Assert.Equal(allowed, encoding.Allowed(cluster.Pod("ip-pod"), cluster.Pod("web"), 80));
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.True(encoding.Allowed(new AddressEndpoint("10.0.0.9"), cluster.Pod("web"), 80));
    }

    [Fact]
    public void Both_sides_must_allow()
    {
        var cluster = WithPolicies(
            Policy("in", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {}}]}]"),
            Policy("out", "dev", "podSelector: {}\npolicyTypes: [Egress]\negress: [{ports: [{port: 53, protocol: UDP}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 53, Protocol.UDP));
        Assert.True(encoding.Allowed(cluster.Pod("db"), cluster.Pod("web"), 80));
    }
}
