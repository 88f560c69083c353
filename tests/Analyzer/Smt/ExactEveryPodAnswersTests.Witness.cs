using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// The witnesses set computation makes for rules not redundant for every pod
/// (ExactEveryPodAnswers.Witness), checked by the solver: on random clusters of NetworkPolicies,
/// the concrete connection each witness describes is allowed by its rule and by no other rule of
/// the same namespace and direction (PolicySolver.AllowsOnlyByRule).
/// </summary>
public sealed partial class ExactEveryPodAnswersTests
{
    [Fact]
    public void Every_witness_of_the_sets_is_confirmed_by_the_solver_on_random_clusters()
    {
        var witnesses = 0;
        Prop.ForAll(Arb.From(Cases), c =>
            {
                witnesses += Confirmed(c);
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CaseCount).WithQuietOnSuccess(true));
        // Worth something only if many rules get a witness.
        Assert.True(witnesses > CaseCount, $"only {witnesses} witnesses were checked in {CaseCount} clusters");
    }

    /// <summary>
    /// Kubernetes, Network Policies: "namespaceSelector: This selects particular namespaces for
    /// which all Pods should be allowed as ingress sources", and a named port "on a pod" is the
    /// destination container's port of that name. dev (team: b) is the only declared namespace
    /// with team: b, so what the first rule allows beyond the second is a source in a namespace
    /// not in the input carrying team: b (made-up name "other"), to a web pod whose container
    /// port http has the connection's port.
    /// </summary>
    [Fact]
    public void The_witness_of_a_namespace_selector_names_a_made_up_namespace_with_its_labels()
    {
        var cluster = WithPolicies(
            Policy("team-b", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}], ports: [{port: http}]}]"),
            Policy("dev", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}}]}]"));
        var rule = new NetworkPolicyRuleRef(cluster.Policy("team-b"), PolicyDirections.Ingress, 0);
        var witness = Exact(cluster, "prod").Witness(rule);
        Assert.Equal(
            "a pod with labels {} in a namespace not in the input (e.g. other, labels {kubernetes.io/metadata.name=other,team=b}) "
            + "-> a pod with labels {app=web} in namespace prod, container ports http=TCP/80 on TCP/80",
            witness?.ToString());
        using var solver = PolicySolver.Create(cluster);
        Assert.True(solver.AllowsOnlyByRule(rule, witness!));
    }

    /// <summary>
    /// Kubernetes, Network Policies: "ipBlock: This selects particular IP CIDR ranges to allow
    /// as ingress sources or egress destinations ... except". 10.0.0.0/8 beyond 10.0.0.0/16
    /// starts at 10.1.0.0, an address outside the cluster (a made-up pod needs no IP).
    /// </summary>
    [Fact]
    public void The_witness_of_an_ipBlock_is_an_outside_address()
    {
        var cluster = WithPolicies(
            Policy("wide", "prod", "podSelector: {}\negress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]"),
            Policy("narrow", "prod", "podSelector: {}\negress: [{to: [{ipBlock: {cidr: 10.0.0.0/16}}]}]"));
        var rule = new NetworkPolicyRuleRef(cluster.Policy("wide"), PolicyDirections.Egress, 0);
        var witness = Exact(cluster, "prod").Witness(rule);
        Assert.Equal("a pod with labels {} in namespace prod -> address 10.1.0.0 on TCP/80", witness?.ToString());
        using var solver = PolicySolver.Create(cluster);
        Assert.True(solver.AllowsOnlyByRule(rule, witness!));
        // The check can fail: an address the other rule allows too is no witness.
        Assert.False(solver.AllowsOnlyByRule(rule, witness! with { Destination = witness.Destination with { Addresses = ["10.0.0.1"] } }));
    }

    /// <summary>Checks the witness of every rule the sets find not redundant; returns how many.</summary>
    private static int Confirmed(RandomCase randomCase)
    {
        var cluster = randomCase.Cluster;
        using var whole = PolicySolver.Create(cluster, new SmtOptions(randomCase.Profile, ReadableWitnesses: false));
        var byNamespace = cluster.NetworkPolicies.ToLookup(p => p.Namespace);
        var confirmed = 0;
        foreach (var (ns, policies) in PolicyScope.ByNamespace(cluster))
        {
            var exact = ExactEveryPodAnswers.For(PolicyScope.ForNamespace(cluster, ns, byNamespace), ns, randomCase.Profile)!;
            foreach (var rule in RulesOf(policies).Where(r => exact.Rule(r) is { Kind: RuleRedundancyKind.NotRedundant }))
            {
                var witness = exact.Witness(rule)
                    ?? throw new Xunit.Sdk.XunitException($"{rule}: not redundant by the sets, but no witness\n{randomCase}");
                if (!whole.AllowsOnlyByRule(rule, witness))
                {
                    throw new Xunit.Sdk.XunitException($"{rule}: the solver does not confirm the witness {witness}\n{randomCase}");
                }
                confirmed++;
            }
        }
        return confirmed;
    }
}
