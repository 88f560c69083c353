using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// The every-pod answers of set computation (ExactEveryPodAnswers) against the solver on one
/// encoding of the whole cluster: on random clusters of NetworkPolicies (both profiles; named
/// ports, IPv4 and IPv6 ipBlocks with excepts, pods with and without IPs, some namespaces
/// declared, others only named or holding pods), every answer the sets give is the solver's, every
/// cover they give is a cover and minimal as the solver sees it. 150 random clusters by
/// default; set POLICYLINT_PROPERTY_CASES for more.
/// </summary>
[Collection(SolverHeavyCollection.Name)]
public sealed class ExactEveryPodAnswersTests
{
    private static readonly SourceSpan Span = new("exact.yaml", 1, 1);

    private static int CaseCount =>
        int.TryParse(Environment.GetEnvironmentVariable("POLICYLINT_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 150;

    [Fact]
    public void Every_answer_of_the_sets_is_the_solvers_on_random_clusters()
    {
        var decided = 0;
        var covers = 0;
        var cases = from c in RandomClusters.Case()
                    from declared in Gen.SubListOf(RandomClusters.NamespaceNames)
                    select NetworkPoliciesOnly(c, [.. declared]);
        Prop.ForAll(Arb.From(cases), c =>
            {
                var (answers, checkedCovers) = Agrees(c);
                decided += answers;
                covers += checkedCovers;
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CaseCount).WithQuietOnSuccess(true));
        // Worth something only if the sets answer many questions, covers among them.
        Assert.True(decided > 2 * CaseCount, $"the sets answered only {decided} questions in {CaseCount} clusters");
        Assert.True(covers > CaseCount / 10, $"only {covers} covers were checked in {CaseCount} clusters");
    }

    /// <summary>
    /// Kubernetes, Network Policies: "namespaceSelector: This selects particular namespaces for
    /// which all Pods should be allowed as ingress sources". dev is declared with team: b, so a
    /// rule naming dev by kubernetes.io/metadata.name is covered by the one selecting team: b. A
    /// namespace no manifest declares (qa) could carry any labels: the rule naming it is not.
    /// </summary>
    [Theory]
    [InlineData("dev", RuleRedundancyKind.Covered)]
    [InlineData("qa", RuleRedundancyKind.NotRedundant)]
    public void A_declared_namespace_has_its_labels_and_an_undeclared_one_any(string named, RuleRedundancyKind expected)
    {
        var cluster = WithPolicies(
            Policy("by-team", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]"),
            Policy("by-name", "prod", $"podSelector: {{}}\ningress: [{{from: [{{namespaceSelector: {{matchLabels: {{kubernetes.io/metadata.name: {named}}}}}}}]}}]"));
        var rule = new NetworkPolicyRuleRef(cluster.Policy("by-name"), PolicyDirections.Ingress, 0);
        Assert.Equal(expected, Exact(cluster, "prod").Rule(rule)!.Kind);
        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(expected, solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index).Kind);
    }

    /// <summary>
    /// Kubernetes, Network Policies: a named port in a rule ("port: ... can be either a numerical
    /// or named port on a pod") resolves to the destination container's port of that name, which
    /// can have any number: TCP/8080 does not cover the named port http, every TCP port does.
    /// </summary>
    [Theory]
    [InlineData("[{port: 8080}]", RuleRedundancyKind.NotRedundant)]
    [InlineData("[{protocol: TCP}]", RuleRedundancyKind.Covered)]
    [InlineData("[{port: http, protocol: UDP}]", RuleRedundancyKind.NotRedundant)]
    public void A_named_port_is_any_number_the_destination_gives_it(string coveringPorts, RuleRedundancyKind expected)
    {
        var cluster = WithPolicies(
            Policy("numbers", "prod", $"podSelector: {{}}\ningress: [{{ports: {coveringPorts}}}]"),
            Policy("named", "prod", "podSelector: {}\ningress: [{ports: [{port: http}]}]"));
        var rule = new NetworkPolicyRuleRef(cluster.Policy("named"), PolicyDirections.Ingress, 0);
        Assert.Equal(expected, Exact(cluster, "prod").Rule(rule)!.Kind);
        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(expected, solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index).Kind);
    }

    /// <summary>
    /// Kubernetes, Network Policies: "ipBlock: This selects particular IP CIDR ranges to allow
    /// as ingress sources or egress destinations". Under the Default profile a pod with a known
    /// IP in the block matches too, so a rule for every pod of prod does not cover the block,
    /// whose outside addresses it does not admit; the NetpolAnalyzer profile ignores IPv6 blocks,
    /// under which the IPv6 rule allows nothing.
    /// </summary>
    [Theory]
    [InlineData(AnalysisProfile.Default, "2001:db8::/32", RuleRedundancyKind.Covered)]
    [InlineData(AnalysisProfile.NetpolAnalyzer, "2001:db8::/32", RuleRedundancyKind.AllowsNothing)]
    [InlineData(AnalysisProfile.Default, "10.0.0.0/16", RuleRedundancyKind.NotRedundant)]
    public void IpBlocks_follow_the_profile(AnalysisProfile profile, string cidr, RuleRedundancyKind expected)
    {
        var cluster = WithPolicies(
            Policy("wide", "prod", "podSelector: {}\negress: [{to: [{ipBlock: {cidr: '::/0'}}, {ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/16]}}]}]"),
            Policy("narrow", "prod", $"podSelector: {{}}\negress: [{{to: [{{ipBlock: {{cidr: '{cidr}'}}}}]}}]"));
        var rule = new NetworkPolicyRuleRef(cluster.Policy("narrow"), PolicyDirections.Egress, 0);
        Assert.Equal(expected, Exact(cluster, "prod", profile).Rule(rule)!.Kind);
        using var solver = PolicySolver.Create(cluster, new SmtOptions(profile));
        Assert.Equal(expected, solver.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index).Kind);
    }

    /// <summary>
    /// "By default, a pod is non-isolated for ingress; if any NetworkPolicy selects it with
    /// Ingress in its policyTypes, the pod is isolated" (Kubernetes, Network Policies): deny-all
    /// isolates pods labelled-only does not, so it is not redundant; a copy of labelled-only is
    /// (its rule is covered by the original's and the original isolates the same pods).
    /// </summary>
    [Fact]
    public void A_policy_is_redundant_when_isolation_and_its_side_of_every_connection_stay()
    {
        var cluster = WithPolicies(
            Policy("deny-all", "prod", "podSelector: {}\npolicyTypes: [Ingress]"),
            Policy("labelled", "prod", "podSelector: {matchExpressions: [{key: app, operator: Exists}]}\ningress: [{from: [{podSelector: {}}]}]"),
            Policy("labelled-copy", "prod", "podSelector: {matchExpressions: [{key: app, operator: Exists}]}\ningress: [{from: [{podSelector: {}}]}]"));
        var exact = Exact(cluster, "prod");
        Assert.Equal(PolicyDirections.Ingress, exact.Policy(cluster.Policy("deny-all"))!.LosesIsolation);
        Assert.True(exact.Policy(cluster.Policy("labelled-copy"))!.IsRedundant);
        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(PolicyDirections.Ingress, solver.CheckPolicyRedundancy(cluster.Policy("deny-all")).LosesIsolation);
        Assert.True(solver.CheckPolicyRedundancy(cluster.Policy("labelled-copy")).IsRedundant);
    }

    /// <summary>With an AdminNetworkPolicy the tiers decide too: the sets answer nothing.</summary>
    [Fact]
    public void Cluster_scoped_policies_leave_every_question_to_the_solver()
    {
        var cluster = WithPolicies(
            Policy("p", "prod", "podSelector: {}\ningress: [{}]"),
            Admin("a", 10, "subject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}]}]"));
        Assert.Null(ExactEveryPodAnswers.For(cluster, "prod", AnalysisProfile.Default));
    }

    private static ExactEveryPodAnswers Exact(Cluster cluster, string ns, AnalysisProfile profile = AnalysisProfile.Default) =>
        ExactEveryPodAnswers.For(PolicyScope.ForNamespace(cluster, ns, cluster.NetworkPolicies.ToLookup(p => p.Namespace)), ns, profile)!;

    /// <summary>The case without its cluster-scoped policies, and with only some of its namespaces declared (the others have free labels).</summary>
    private static RandomCase NetworkPoliciesOnly(RandomCase randomCase, HashSet<string> declared) =>
        randomCase with { Cluster = randomCase.Cluster with { AdminPolicies = [], Namespaces = [.. randomCase.Cluster.Namespaces.Where(n => declared.Contains(n.Name))] } };

    /// <summary>Checks every answer the sets give against the whole-cluster encoding; returns how many they gave and how many covers were checked.</summary>
    private static (int Answers, int Covers) Agrees(RandomCase randomCase)
    {
        var cluster = randomCase.Cluster;
        var options = new SmtOptions(randomCase.Profile, ReadableWitnesses: false);
        using var whole = PolicySolver.Create(cluster, options);
        var byNamespace = cluster.NetworkPolicies.ToLookup(p => p.Namespace);
        int answers = 0, covers = 0;
        foreach (var (ns, policies) in PolicyScope.ByNamespace(cluster))
        {
            var exact = ExactEveryPodAnswers.For(PolicyScope.ForNamespace(cluster, ns, byNamespace), ns, randomCase.Profile)!;
            foreach (var policy in policies)
            {
                foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
                {
                    for (var i = 0; i < policy.Rules(direction).Length; i++)
                    {
                        var rule = new NetworkPolicyRuleRef(policy, direction, i);
                        if (exact.Rule(rule) is not { } answer) continue;
                        answers++;
                        Same(randomCase, rule, whole.CheckRuleRedundancy(policy, direction, i).Kind, answer.Kind);
                        if (answer.Kind != RuleRedundancyKind.Covered) continue;
                        CheckCover(randomCase, options, rule, answer.CoveringRules);
                        covers++;
                    }
                }
                if (exact.Policy(policy) is not { } policyAnswer) continue;
                answers++;
                var solver = whole.CheckPolicyRedundancy(policy);
                Same(randomCase, policy.Meta.Ref, solver.IsRedundant, policyAnswer.IsRedundant);
                Same(randomCase, policy.Meta.Ref, solver.LosesIsolation, policyAnswer.LosesIsolation);
            }
        }
        return (answers, covers);
    }

    /// <summary>
    /// The cover covers: with every other rule of the direction in the namespace made to match
    /// nothing (a peer with no selector matches no one), the solver finds the rule covered. And
    /// it is minimal: with any one of its rules also made to match nothing, it is not.
    /// </summary>
    private static void CheckCover(RandomCase randomCase, SmtOptions options, NetworkPolicyRuleRef rule, ImmutableArray<NetworkPolicyRuleRef> cover)
    {
        Same(randomCase, (rule, "cover", string.Join(" | ", cover)), RuleRedundancyKind.Covered, KindWithOnly(randomCase.Cluster, options, rule, cover));
        foreach (var member in cover)
        {
            var without = cover.Remove(member);
            Same(randomCase, (rule, "minimal without", member), RuleRedundancyKind.NotRedundant, KindWithOnly(randomCase.Cluster, options, rule, without));
        }
    }

    private static RuleRedundancyKind KindWithOnly(Cluster cluster, SmtOptions options, NetworkPolicyRuleRef rule, ImmutableArray<NetworkPolicyRuleRef> kept)
    {
        var policies = cluster.NetworkPolicies.Select(p => p.Namespace != rule.Policy.Namespace ? p : Keep(p, rule, kept)).ToImmutableArray();
        using var solver = PolicySolver.Create(cluster with { NetworkPolicies = policies }, options);
        var index = cluster.NetworkPolicies.IndexOf(rule.Policy, ReferenceEqualityComparer.Instance);
        return solver.CheckRuleRedundancy(policies[index], rule.Direction, rule.Index).Kind;
    }

    /// <summary>The policy with the rules of the rule's direction that are neither the rule nor kept replaced by rules that match nothing (indexes stay).</summary>
    private static NetworkPolicy Keep(NetworkPolicy policy, NetworkPolicyRuleRef rule, ImmutableArray<NetworkPolicyRuleRef> kept)
    {
        bool Stays(int i) => (ReferenceEquals(policy, rule.Policy) && i == rule.Index) || kept.Any(k => ReferenceEquals(k.Policy, policy) && k.Index == i);
        var rules = policy.Rules(rule.Direction)
            .Select((r, i) => Stays(i) ? r : r with { Peers = [new NetworkPolicyPeer(null, null, null, Span)] })
            .ToImmutableArray();
        return rule.Direction == PolicyDirections.Ingress ? policy with { Ingress = rules } : policy with { Egress = rules };
    }

    private static void Same<T>(RandomCase randomCase, object question, T solver, T exact)
    {
        if (!EqualityComparer<T>.Default.Equals(solver, exact))
        {
            throw new Xunit.Sdk.XunitException($"{question}: the solver says {solver}, the sets say {exact}\n{randomCase}");
        }
    }
}
