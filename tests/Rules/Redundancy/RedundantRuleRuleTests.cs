using PolicyLint.Analyzer.Manifests;
using PolicyLint.Rules.Redundancy;

namespace PolicyLint.Rules.Tests.Redundancy;

public class RedundantRuleRuleTests
{
    private static readonly RedundantRuleRule Rule = new();

    private static readonly string Input =
        Manifests.Namespace("shop", "{team: shop}") + Manifests.Namespace("web", "{team: web}") +
        Manifests.Pod("shop", "api", "{app: api}") + Manifests.Pod("web", "frontend", "{app: frontend, tier: frontend}");

    private static string Policy(string secondRule) => Input + """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api-ingress, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: api}}
          ingress:
          - from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: frontend}}}]
            ports: [{port: 8080}]
          - @RULE
        """.Replace("@RULE", secondRule);

    [Fact]
    public void Fires_on_a_rule_allowing_a_subset_of_another_for_every_pod()
    {
        var cluster = Manifests.Load(Policy("from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: frontend, tier: frontend}}}]\n    ports: [{port: 8080}]"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        var policy = cluster.NetworkPolicies[0];
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(policy.Ingress[1].Span, finding.Span);
        Assert.Equal(
            $"NetworkPolicy shop/api-ingress: spec.ingress[1] is redundant: every connection it allows is also allowed by " +
            $"NetworkPolicy shop/api-ingress spec.ingress[0] ({policy.Ingress[0].Span}), for every possible pod",
            finding.Message);
    }

    [Fact]
    public void Does_not_fire_when_the_rule_allows_another_port()
    {
        var cluster = Manifests.Load(Policy("from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: frontend, tier: frontend}}}]\n    ports: [{port: 9090}]"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Reports_a_rule_redundant_only_for_the_input_pods_as_info_with_a_witness()
    {
        var cluster = Manifests.Load(Policy("from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {tier: frontend}}}]\n    ports: [{port: 8080}]"));

        var findings = RuleRun.Analyze(Rule, cluster);

        // The input pod has both labels, so each rule covers the other for it: only the later one is reported.
        var finding = Assert.Single(findings);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(cluster.NetworkPolicies[0].Ingress[1].Span, finding.Span);
        Assert.StartsWith("NetworkPolicy shop/api-ingress: spec.ingress[1] is redundant for the pods in these manifests (covered by NetworkPolicy shop/api-ingress spec.ingress[0]", finding.Message);
        Assert.Contains("but not for every pod: a connection from a pod with labels {", finding.Message);
        Assert.Contains("tier=frontend}", finding.Message);
        Assert.DoesNotContain("app=frontend", finding.Message.Split("but not for every pod")[1]);
        // The witness comes from set computation: a pod like the input's, by its labels (docs/rules/redundant-rule.md).
        Assert.EndsWith("to a pod with labels {app=api} in namespace shop on TCP port 8080 is allowed only by this rule", finding.Message);
    }

    [Fact]
    public void Reports_only_the_later_of_two_identical_rules()
    {
        var cluster = Manifests.Load(Policy("from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: frontend}}}]\n    ports: [{port: 8080}]"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.NetworkPolicies[0].Ingress[1].Span, finding.Span);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void Does_not_count_rules_of_a_policy_that_selects_other_pods()
    {
        var cluster = Manifests.Load(Input + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api-ingress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: orders-ingress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: orders}}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}}]}]
            """);

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void A_rule_redundant_for_every_pod_is_reported_even_when_its_cover_is_redundant_for_the_input_only()
    {
        // ingress[0] (app=frontend) is inside ingress[1] (app=frontend or tier=frontend, via two peers) for every
        // pod; ingress[1] is covered by ingress[0] only for the input pod, which has both labels.
        var cluster = Manifests.Load(Policy(
            "from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: frontend}}}, " +
            "{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {tier: frontend}}}]\n    ports: [{port: 8080}]"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(cluster.NetworkPolicies[0].Ingress[0].Span, finding.Span);
        Assert.StartsWith("NetworkPolicy shop/api-ingress: spec.ingress[0] is redundant: every connection it allows is also allowed by NetworkPolicy shop/api-ingress spec.ingress[1]", finding.Message);
    }
}
