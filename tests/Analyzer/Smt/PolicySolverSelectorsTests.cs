using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

public sealed class PolicySolverSelectorsTests
{
    [Theory]
    [InlineData("{matchExpressions: [{key: app, operator: In, values: [a]}, {key: app, operator: NotIn, values: [a]}]}")]
    [InlineData("{matchExpressions: [{key: app, operator: Exists}, {key: app, operator: DoesNotExist}]}")]
    [InlineData("{matchLabels: {app: a}, matchExpressions: [{key: app, operator: In, values: [b, c]}]}")]
    [InlineData("{matchLabels: {app: a}, matchExpressions: [{key: app, operator: DoesNotExist}]}")]
    public void Contradictory_pod_selector_can_never_match(string selector)
    {
        var cluster = WithPolicies(Policy("p", "prod", $"podSelector: {selector}\ningress: [{{}}]"));
        using var encoding = PolicySolver.Create(cluster);
        var result = encoding.CheckPolicySelector(cluster.Policy("p"));
        Assert.Equal(SelectorVerdict.Unsatisfiable, result.Verdict);
        Assert.Null(result.Example);
    }

    [Fact]
    public void Selector_that_no_input_pod_matches_is_satisfiable_with_an_example()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: zzz}, matchExpressions: [{key: app, operator: NotIn, values: [web]}]}\ningress: [{}]"));
        using var encoding = PolicySolver.Create(cluster);
        var result = encoding.CheckPolicySelector(cluster.Policy("p"));
        Assert.Equal(SelectorVerdict.MatchesNoInputPod, result.Verdict);
        Assert.Equal("zzz", result.Example!.PodLabels["app"]);
        Assert.Equal("prod", result.Example.Namespace);
        Assert.Null(result.InputExample);
    }

    [Fact]
    public void Selector_matching_an_input_pod_names_it()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {matchExpressions: [{key: tier, operator: Exists}]}\ningress: [{}]"));
        using var encoding = PolicySolver.Create(cluster);
        var result = encoding.CheckPolicySelector(cluster.Policy("p"));
        Assert.Equal(SelectorVerdict.MatchesInputPods, result.Verdict);
        Assert.Equal("prod/db[Pod]", result.InputExample!.InputWorkload);
    }

    [Fact]
    public void Namespace_selector_on_a_missing_name_label_can_never_match()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: DoesNotExist}]}}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        var policy = cluster.Policy("p");
        Assert.Equal(SelectorVerdict.Unsatisfiable, encoding.CheckPeer(policy, policy.Ingress[0].Peers[0]).Verdict);
    }

    [Fact]
    public void Peer_pair_is_checked_together()
    {
        // team=b is only dev, and no dev pod is app=db: nothing in the input, but a future pod could be.
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: db}}}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        var policy = cluster.Policy("p");
        var result = encoding.CheckPeer(policy, policy.Ingress[0].Peers[0]);
        Assert.Equal(SelectorVerdict.MatchesNoInputPod, result.Verdict);
        Assert.Equal("dev", result.Example!.Namespace);
    }

    [Fact]
    public void Pod_selector_alone_looks_only_in_the_policy_namespace()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {}\ningress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]"));
        using var encoding = PolicySolver.Create(cluster);
        var policy = cluster.Policy("p");
        Assert.Equal(SelectorVerdict.MatchesNoInputPod, encoding.CheckPeer(policy, policy.Ingress[0].Peers[0]).Verdict);
    }

    [Fact]
    public void Selectors_with_values_no_policy_mentions_are_still_exact()
    {
        var cluster = WithPolicies();
        using var encoding = PolicySolver.Create(cluster);
        var contradiction = new LabelSelector(
            [
                new LabelRequirement("color", SelectorOperator.In, ["red"], SourceSpan.None),
                new LabelRequirement("color", SelectorOperator.NotIn, ["red"], SourceSpan.None),
            ],
            SourceSpan.None);
        Assert.Equal(SelectorVerdict.Unsatisfiable, encoding.CheckSelector(null, null, contradiction).Verdict);
        Assert.Equal(SelectorVerdict.MatchesNoInputPod, encoding.CheckSelector("elsewhere", null, null).Verdict);
    }
}
