using PolicyLint.Rules.Redundancy;

namespace PolicyLint.Rules.Tests.Redundancy;

public class RedundantPolicyRuleTests
{
    private static readonly RedundantPolicyRule Rule = new();

    private static readonly string Input =
        Manifests.Namespace("shop", "{team: shop}") + Manifests.Pod("shop", "api", "{app: api}") + """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---

        """;

    private static string ApiPolicy(string name, string rest) => """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: @NAME, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: api}}
          policyTypes: [Ingress]
          @REST
        ---

        """.Replace("@NAME", name).Replace("@REST", rest);

    [Fact]
    public void Fires_on_a_policy_isolating_what_another_isolates_and_allowing_nothing()
    {
        var cluster = Manifests.Load(Input + ApiPolicy("deny-api", "ingress: []"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        var policy = cluster.NetworkPolicies[1];
        Assert.Equal(policy.Meta.Ref, finding.Object);
        Assert.Equal(policy.Meta.Span, finding.Span);
        Assert.Equal(
            "NetworkPolicy shop/deny-api: removing the policy changes no pod's isolation and no allowed connection, for every possible pod: " +
            "the pods it selects are isolated for ingress by other policies as well (of namespace shop: default-deny); it has no rules",
            finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_the_policy_allows_something_no_other_policy_does()
    {
        var cluster = Manifests.Load(Input + ApiPolicy("api-from-web", "ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_when_the_policy_is_the_only_one_isolating_its_pods()
    {
        var cluster = Manifests.Load(Manifests.Pod("shop", "api", "{app: api}") + ApiPolicy("deny-api", "ingress: []"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Reports_one_of_two_copies_and_says_their_rules_are_allowed_elsewhere()
    {
        var rules = "ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]";
        var cluster = Manifests.Load(Manifests.Pod("shop", "api", "{app: api}") + ApiPolicy("copy-1", rules) + ApiPolicy("copy-2", rules));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[1].Meta.Ref, finding.Object);
        Assert.EndsWith("(of namespace shop: copy-1); every connection its rules allow, other policies allow too", finding.Message);
    }

    [Fact]
    public void Leaves_a_policy_that_can_never_select_a_pod_to_policy_selects_nothing()
    {
        var cluster = Manifests.Load(Input + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: never, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}, matchExpressions: [{key: app, operator: DoesNotExist}]}
              policyTypes: [Ingress]
            """);

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Says_when_what_the_policy_allows_is_denied_at_the_other_end()
    {
        var cluster = Manifests.Load(Manifests.Pod("shop", "api", "{app: api}") + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-same-app, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              policyTypes: [Ingress]
              ingress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]
            """);

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[1].Meta.Ref, finding.Object);
        Assert.EndsWith("(of namespace shop: default-deny); spec.ingress[0] allows connections no other rule allows, but the policies at the other end deny them all", finding.Message);
    }
}
