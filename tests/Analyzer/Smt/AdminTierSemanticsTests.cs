using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>The cluster policy tiers around NetworkPolicies, through the SMT encoding.</summary>
public sealed class AdminTierSemanticsTests
{
    private const string DenyFromDev = """
        subject: {namespaces: {matchLabels: {team: a}}}
        ingress:
        - {name: deny-dev, action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}
        """;

    [Fact]
    public void Admin_deny_wins_over_a_NetworkPolicy_allow()
    {
        var cluster = WithPolicies(Admin("deny", 10, DenyFromDev), Policy("allow", "prod", "podSelector: {}\ningress: [{}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("db"), cluster.Pod("web"), 80));
    }

    [Fact]
    public void Lower_priority_number_decides_first()
    {
        var cluster = WithPolicies(
            Admin("deny", 10, DenyFromDev),
            Admin("allow", 5, """
                subject: {namespaces: {}}
                ingress:
                - {name: allow-web, action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 80}}]}
                """));
        using var encoding = PolicySolver.Create(cluster);
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 81));
    }

    [Fact]
    public void Pass_hands_over_to_NetworkPolicies_and_then_the_baseline()
    {
        var cluster = WithPolicies(
            Admin("pass", 1, """
                subject: {namespaces: {}}
                ingress:
                - {name: pass, action: Pass, from: [{namespaces: {}}]}
                """),
            Admin("deny", 10, DenyFromDev),
            Policy("db-only", "prod", "podSelector: {matchLabels: {app: db}}\ningress: [{ports: [{port: 5432}]}]"),
            Baseline("""
                subject: {namespaces: {}}
                ingress:
                - {name: deny-all, action: Deny, from: [{namespaces: {}}]}
                """));
        using var encoding = PolicySolver.Create(cluster);
        // Passed, then the NetworkPolicy isolating db decides.
        Assert.True(encoding.Allowed(cluster.Pod("client"), cluster.Pod("db"), 5432));
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("db"), 80));
        // Passed, web is not isolated by NetworkPolicies: the baseline denies.
        Assert.False(encoding.Allowed(cluster.Pod("client"), cluster.Pod("web"), 80));
        // An outside address matches no namespaces peer: nothing decides, so it is allowed.
        Assert.True(encoding.Allowed(new AddressEndpoint("192.0.2.1"), cluster.Pod("web"), 80));
    }

    [Fact]
    public void Baseline_applies_only_where_no_NetworkPolicy_isolates()
    {
        var cluster = WithPolicies(
            Baseline("""
                subject: {namespaces: {}}
                egress:
                - {name: deny-dev, action: Deny, to: [{namespaces: {matchLabels: {team: b}}}]}
                """),
            Policy("db-out", "prod", "podSelector: {matchLabels: {app: db}}\npolicyTypes: [Egress]\negress: [{}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.False(encoding.Allowed(cluster.Pod("web"), cluster.Pod("client"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("db"), cluster.Pod("client"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("web"), cluster.Pod("db"), 80));
    }

    /// <summary>
    /// The ANP API: a networks peer (egress only) is meant for outside entities, but cluster-internal traffic
    /// is checked against it too, so under the Default profile it matches a pod by its known IP
    /// (the concrete engine does not; see the SMT report). NetpolAnalyzer: never pods.
    /// </summary>
    [Theory]
    [InlineData(AnalysisProfile.Default, false)]
    [InlineData(AnalysisProfile.NetpolAnalyzer, true)]
    public void Networks_peer_and_pods_with_known_IPs(AnalysisProfile profile, bool allowed)
    {
        var cluster = WithPolicies(Admin("deny-net", 10, """
            subject: {namespaces: {}}
            egress:
            - {name: deny-10, action: Deny, to: [{networks: [10.0.0.0/24]}]}
            """));
        using var encoding = PolicySolver.Create(cluster, new SmtOptions(profile));
        Assert.Equal(allowed, encoding.Allowed(cluster.Pod("web"), cluster.Pod("ip-pod"), 80));
        Assert.True(encoding.Allowed(cluster.Pod("web"), cluster.Pod("client"), 80));
        Assert.False(encoding.Allowed(cluster.Pod("web"), new AddressEndpoint("10.0.0.77"), 80));
    }
}
