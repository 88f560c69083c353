using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// Scoped questions (PolicyScope, ScopedQuestions) against the same questions asked of one
/// encoding of the whole cluster: on random clusters of three namespaces, with cross-namespace
/// peers, namespaces named by kubernetes.io/metadata.name, AdminNetworkPolicies and a
/// BaselineAdminNetworkPolicy, every answer must be the same. 150 random clusters by default;
/// set POLICYLINT_PROPERTY_CASES for more.
/// </summary>
[Collection(SolverHeavyCollection.Name)]
public sealed class ScopedQuestionsTests
{
    private static int CaseCount =>
        int.TryParse(Environment.GetEnvironmentVariable("POLICYLINT_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 150;

    [Fact]
    public void Scoped_answers_equal_whole_cluster_answers_on_random_clusters()
    {
        Prop.ForAll(RandomClusters.Cases(), c => Agrees(c))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CaseCount).WithQuietOnSuccess(true));
    }

    /// <summary>
    /// prod's policy allows only what dev's own egress policy denies when it names dev by
    /// kubernetes.io/metadata.name (other end denies), so removing it changes no connection, and
    /// the scope of prod must hold dev's policies. Kubernetes: "the connection must be allowed by
    /// both the egress policy on the source pod and the ingress policy on the destination pod".
    /// Picked by label instead, any namespace (undeclared ones too) could send it: it changes
    /// something, and dev's policies stay out of the scope.
    /// </summary>
    [Theory]
    [InlineData("kubernetes.io/metadata.name: dev", true)]
    [InlineData("team: b", false)]
    public void A_namespace_named_by_a_peer_brings_its_policies_into_the_scope(string namespaceLabel, bool redundant)
    {
        var cluster = WithPolicies(
            Policy("deny-all", "prod", "podSelector: {}\npolicyTypes: [Ingress]"),
            Policy("from-dev", "prod", $"podSelector: {{}}\ningress: [{{from: [{{namespaceSelector: {{matchLabels: {{{namespaceLabel}}}}}}}]}}]"),
            Policy("no-egress", "dev", "podSelector: {}\npolicyTypes: [Egress]"));

        var answers = ScopedQuestions.Ask(cluster, SmtOptions.Default);
        using var whole = PolicySolver.Create(cluster);

        var fromDev = cluster.Policy("from-dev");
        Assert.Equal(redundant, whole.CheckPolicyRedundancy(fromDev).IsRedundant);
        Assert.Equal(redundant, answers.Policies[fromDev]!.IsRedundant);
        var scope = PolicyScope.ForNamespace(cluster, "prod", cluster.NetworkPolicies.ToLookup(p => p.Namespace));
        Assert.Equal(redundant, scope.NetworkPolicies.Any(p => p.Name == "no-egress"));
    }

    public static bool Agrees(RandomCase randomCase)
    {
        var cluster = randomCase.Cluster;
        var options = new SmtOptions(randomCase.Profile, ReadableWitnesses: false);
        var scoped = ScopedQuestions.Ask(cluster, options, parallelism: 2);
        using var whole = PolicySolver.Create(cluster, options);
        var selectors = new SelectorQuestions(cluster, options);
        foreach (var policy in cluster.NetworkPolicies)
        {
            foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++)
                {
                    var rule = new NetworkPolicyRuleRef(policy, direction, i);
                    var everyPod = whole.CheckRuleRedundancy(policy, direction, i, PodScope.AnyPod);
                    Same(randomCase, rule, everyPod.Kind, scoped.RulesForEveryPod[rule]!.Kind);
                    if (everyPod.Kind != RuleRedundancyKind.NotRedundant) continue;
                    Same(randomCase, rule, whole.CheckRuleRedundancy(policy, direction, i, PodScope.InputPods).Kind, scoped.RulesForInputPods[rule]!.Kind);
                }
            }
            Same(randomCase, policy.Meta.Ref, whole.CheckPolicyRedundancy(policy).IsRedundant, scoped.Policies[policy]!.IsRedundant);
            Same(randomCase, policy.Meta.Ref, whole.CheckPolicySelector(policy).Verdict, selectors.OfPolicy(policy)!.Verdict);
            foreach (var peer in policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers).Where(p => p.IpBlock is null))
            {
                Same(randomCase, peer, whole.CheckPeer(policy, peer).Verdict, selectors.OfPeer(policy, peer)!.Verdict);
            }
        }
        foreach (var policy in cluster.AdminPolicies)
        {
            foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++)
                {
                    var rule = new AdminRuleRef(policy, direction, i);
                    Same(randomCase, rule, whole.CheckAdminRuleShadowing(policy, direction, i).Kind, scoped.AdminRules[rule]!.Kind);
                }
            }
        }
        Assert.Equal(0, scoped.Unfinished);
        return true;
    }

    private static void Same<T>(RandomCase randomCase, object question, T whole, T scoped)
    {
        if (!EqualityComparer<T>.Default.Equals(whole, scoped))
        {
            throw new Xunit.Sdk.XunitException($"{question}: whole cluster says {whole}, scoped says {scoped}\n{randomCase}");
        }
    }
}
