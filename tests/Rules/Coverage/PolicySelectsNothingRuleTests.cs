using PolicyLint.Rules.Coverage;

namespace PolicyLint.Rules.Tests.Coverage;

public class PolicySelectsNothingRuleTests
{
    private static readonly PolicySelectsNothingRule Rule = new();

    [Fact]
    public void Fires_on_a_mistyped_selector_at_the_pod_selector()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "allow-web", p => p.Select(("app", "wbe")).Ingress())
            .Build();

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        var policy = cluster.NetworkPolicies[0];
        Assert.Equal("policy-selects-nothing", finding.RuleId);
        Assert.Equal(policy.PodSelector.Span, finding.Span);
        Assert.Equal(policy.Meta.Ref, finding.Object);
        Assert.Contains("app=wbe", finding.Message);
        Assert.Contains("namespace shop", finding.Message);
        Assert.DoesNotContain("can never match", finding.Message);
    }

    [Fact]
    public void Says_when_no_pod_could_ever_match_a_contradictory_selector()
    {
        var cluster = Redundancy.Manifests.Load(Redundancy.Manifests.Pod("shop", "api", "{app: api}") + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: never, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}, matchExpressions: [{key: app, operator: NotIn, values: [api]}]}
              policyTypes: [Ingress]
            """);

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[0].PodSelector.Span, finding.Span);
        Assert.Equal(
            "NetworkPolicy shop/never: podSelector app=api,app notin (api) can never match any pod, its requirements contradict each other, so the policy has no effect",
            finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_a_workload_in_the_namespace_matches()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web")
            .Policy("shop", "allow-web", p => p.Select(("app", "web")).Ingress())
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Fires_when_the_matching_workload_is_in_another_namespace()
    {
        var cluster = new ClusterBuilder()
            .Workload("other", "web")
            .Policy("shop", "allow-web", p => p.Select(("app", "web")).Ingress())
            .Build();

        Assert.Single(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_on_an_empty_selector_in_a_namespace_without_workloads()
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "default-deny", p => p.Select().Ingress())
            .Build();

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
