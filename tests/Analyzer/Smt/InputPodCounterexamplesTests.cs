using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// What the input pods settle without the solver (InputPodCounterexamples) against the solver
/// itself: on random clusters (every profile, AdminNetworkPolicies and a
/// BaselineAdminNetworkPolicy among them), every answer the input pods give is the answer of one
/// encoding of the whole cluster; and on the testdata folders, the scoped questions answer the
/// same with and without them. 150 random clusters by default; set POLICYLINT_PROPERTY_CASES for more.
/// </summary>
[Collection(SolverHeavyCollection.Name)]
public sealed partial class InputPodCounterexamplesTests
{
    private static int CaseCount =>
        int.TryParse(Environment.GetEnvironmentVariable("POLICYLINT_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 150;

    [Fact]
    public void The_solver_agrees_with_every_answer_the_input_pods_give_on_random_clusters()
    {
        var (settled, covered) = (0, 0);
        Prop.ForAll(Arb.From(OverlappingCase()), c =>
            {
                var (s, v) = Agrees(c);
                settled += s;
                covered += v;
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CaseCount).WithQuietOnSuccess(true));
        // The comparison is only worth something if the input pods answer some questions, covers among them.
        Assert.True(settled > CaseCount, $"the input pods settled only {settled} questions in {CaseCount} clusters");
        Assert.True(covered > CaseCount / 10, $"only {covered} covered rules in {CaseCount} clusters");
    }

    /// <summary>
    /// Kubernetes, Network Policies: "If any policy selects a pod, the pod is restricted to what
    /// is allowed by the union of those policies' ingress rules". web's rule allows client
    /// (another namespace) to reach web on 8080, and no other rule for web does: the input pods
    /// show the rule is not redundant. The copy of allow-same-app allows nothing the original
    /// does not: covered by the original, for the input pods and (the solver says) for every pod.
    /// </summary>
    [Fact]
    public void A_rule_only_it_allows_between_input_pods_is_not_redundant_and_a_copy_is_covered_by_the_original()
    {
        var cluster = WithPolicies(
            Policy("from-dev", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}], ports: [{port: 8080}]}]"),
            Policy("same", "prod", "podSelector: {}\ningress: [{from: [{podSelector: {}}]}]"),
            Policy("same-copy", "prod", "podSelector: {}\ningress: [{from: [{podSelector: {}}]}]"));
        var counterexamples = Of(cluster);

        var fromDev = new NetworkPolicyRuleRef(cluster.Policy("from-dev"), PolicyDirections.Ingress, 0);
        Assert.Equal(RuleRedundancyKind.NotRedundant, counterexamples.ForInputPods(fromDev.Policy.Namespace)[fromDev].Kind);
        var copy = new NetworkPolicyRuleRef(cluster.Policy("same-copy"), PolicyDirections.Ingress, 0);
        var copyAnswer = counterexamples.ForInputPods(copy.Policy.Namespace)[copy];
        Assert.Equal(RuleRedundancyKind.Covered, copyAnswer.Kind);
        Assert.Equal(new[] { new NetworkPolicyRuleRef(cluster.Policy("same"), PolicyDirections.Ingress, 0) }, copyAnswer.CoveringRules.ToArray());
        Assert.Null(counterexamples.NotRedundant(cluster.Policy("same-copy"), PodScope.AnyPod));
        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(RuleRedundancyKind.Covered, solver.CheckRuleRedundancy(copy.Policy, copy.Direction, copy.Index).Kind);
    }

    /// <summary>
    /// "the connection must be allowed by both the egress policy on the source pod and the
    /// ingress policy on the destination pod" (Kubernetes, Network Policies): web's rule admits
    /// dev, whose only pod may send nothing, so between input pods removing the policy changes
    /// nothing. A pod like client in a namespace without policies could send, so the policy is not
    /// redundant for every pod, which the pod "just like client elsewhere" shows.
    /// </summary>
    [Fact]
    public void A_policy_whose_connection_the_other_end_denies_is_settled_by_a_pod_in_a_namespace_not_in_the_input()
    {
        var cluster = WithPolicies(
            Policy("deny", "prod", "podSelector: {}\npolicyTypes: [Ingress]"),
            Policy("from-dev", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]"),
            Policy("no-egress", "dev", "podSelector: {}\npolicyTypes: [Egress]"));
        var answer = Of(cluster).NotRedundant(cluster.Policy("from-dev"), PodScope.AnyPod);
        Assert.NotNull(answer);
        Assert.False(answer.IsRedundant);
        using var solver = PolicySolver.Create(cluster);
        Assert.False(solver.CheckPolicyRedundancy(cluster.Policy("from-dev")).IsRedundant);
    }

    /// <summary>
    /// "By default, a pod is non-isolated for ingress; if any NetworkPolicy selects it with
    /// Ingress in its policyTypes, the pod is isolated for ingress" (Kubernetes, Network Policies).
    /// deny isolates every pod of prod, web's policy only web: a pod without labels in prod loses
    /// its isolation without deny, even though every input pod of prod may not.
    /// </summary>
    [Fact]
    public void A_policy_that_alone_isolates_a_pod_without_labels_is_not_redundant()
    {
        var cluster = WithPolicies(
            Policy("deny", "prod", "podSelector: {}\npolicyTypes: [Ingress]"),
            Policy("labelled", "prod", "podSelector: {matchExpressions: [{key: app, operator: Exists}]}\npolicyTypes: [Ingress]"));
        var answer = Of(cluster).NotRedundant(cluster.Policy("deny"), PodScope.AnyPod);
        Assert.Equal(PolicyDirections.Ingress, answer!.LosesIsolation);
        using var solver = PolicySolver.Create(cluster);
        Assert.Equal(PolicyDirections.Ingress, solver.CheckPolicyRedundancy(cluster.Policy("deny")).LosesIsolation);
    }

    public static TheoryData<string> Folders() => ["redundancy", "anp", "cnp", "demo", "exposure", "split"];

    [Theory]
    [MemberData(nameof(Folders))]
    public void Scoped_questions_answer_alike_with_and_without_the_input_pods_first(string folder)
    {
        var cluster = ClusterLoader.Load([RepositoryRoot.TestData(folder)]).Cluster;
        var options = new SmtOptions();
        var with = ScopedQuestions.Ask(cluster, options, parallelism: 2);
        var without = ScopedQuestions.Ask(cluster, options, 2, null, counterexamples: null);
        foreach (var (rule, answer) in without.RulesForEveryPod)
        {
            Assert.Equal(answer?.Kind, with.RulesForEveryPod[rule]?.Kind);
            Assert.Equal(Cover(answer), Cover(with.RulesForEveryPod[rule]));
        }
        Assert.Equal(without.RulesForInputPods.Keys.ToHashSet(), with.RulesForInputPods.Keys.ToHashSet());
        // Input-pod covers may be other minimal covers (the random clusters check each against the solver).
        foreach (var (rule, answer) in without.RulesForInputPods) Assert.Equal(answer?.Kind, with.RulesForInputPods[rule]?.Kind);
        foreach (var (policy, answer) in without.Policies) Assert.Equal(answer?.IsRedundant, with.Policies[policy]?.IsRedundant);
        Assert.Equal(without.RedundantPolicySelectors.Keys.ToHashSet(), with.RedundantPolicySelectors.Keys.ToHashSet());
        foreach (var (policy, answer) in without.RedundantPolicySelectors) Assert.Equal(answer?.Verdict, with.RedundantPolicySelectors[policy]?.Verdict);
        Assert.Equal(0, with.Unfinished);
    }

    private static string Cover(RuleRedundancy? answer) =>
        answer is null || answer.CoveringRules.IsDefault ? "" : string.Join(" | ", answer.CoveringRules);

    private static InputPodCounterexamples Of(Cluster cluster, AnalysisProfile profile = AnalysisProfile.Default) =>
        new(cluster, ReachabilityEngine.Build(cluster, profile));

    /// <summary>Checks every answer the input pods give against the whole-cluster encoding; returns how many they gave, and how many covers.</summary>
    private static (int Settled, int Covered) Agrees(RandomCase randomCase)
    {
        var cluster = randomCase.Cluster;
        var counterexamples = Of(cluster, randomCase.Profile);
        using var whole = PolicySolver.Create(cluster, new SmtOptions(randomCase.Profile, ReadableWitnesses: false));
        var settled = 0;
        var covered = 0;
        foreach (var policy in cluster.NetworkPolicies)
        {
            foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++)
                {
                    var rule = new NetworkPolicyRuleRef(policy, direction, i);
                    var exact = counterexamples.ForInputPods(rule.Policy.Namespace)[rule];
                    settled++;
                    var solver = whole.CheckRuleRedundancy(policy, direction, i, PodScope.InputPods);
                    Same(randomCase, rule, solver.Kind, exact.Kind);
                    if (exact.Kind == RuleRedundancyKind.NotRedundant)
                    {
                        Same(randomCase, rule, whole.CheckRuleRedundancy(policy, direction, i, PodScope.AnyPod).Kind, exact.Kind);
                    }
                    if (exact.Kind == RuleRedundancyKind.Covered)
                    {
                        covered++;
                        MinimalCoverPerSolver(randomCase, rule, exact.CoveringRules);
                    }
                }
            }
            if (counterexamples.NotRedundant(policy, PodScope.AnyPod) is { } changes)
            {
                settled++;
                Same(randomCase, policy.Meta.Ref, whole.CheckPolicyRedundancy(policy).IsRedundant, changes.IsRedundant);
            }
            if (counterexamples.SelectsInputPods(policy) is { } selects)
            {
                settled++;
                Same(randomCase, policy.Meta.Ref, whole.CheckPolicySelector(policy).Verdict, selects.Verdict);
            }
        }
        return (settled, covered);
    }

    private static void Same<T>(RandomCase randomCase, object question, T solver, T inputPods)
    {
        if (!EqualityComparer<T>.Default.Equals(solver, inputPods))
        {
            throw new Xunit.Sdk.XunitException($"{question}: the solver says {solver}, the input pods say {inputPods}\n{randomCase}");
        }
    }
}
