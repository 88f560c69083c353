using PolicyLint.Rules.Redundancy;

namespace PolicyLint.Rules.Tests.Redundancy;

public class ShadowedRuleRuleTests
{
    private static readonly ShadowedRuleRule Rule = new();

    private static readonly string Input =
        Manifests.Namespace("shop", "{team: shop}") + Manifests.Namespace("monitoring", "{team: monitoring}") +
        Manifests.Pod("shop", "api", "{app: api}") + Manifests.Pod("monitoring", "prometheus", "{app: prometheus}") +
        AdminPolicy("deny-monitoring", 10, "{name: deny-monitoring, action: Deny, from: [{namespaces: {matchLabels: {team: monitoring}}}]}");

    private static string AdminPolicy(string name, int priority, params string[] ingress) => """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: @NAME}
        spec:
          priority: @PRIORITY
          subject: {namespaces: {matchLabels: {team: shop}}}
          ingress: [@INGRESS]
        ---

        """.Replace("@NAME", name).Replace("@PRIORITY", priority.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("@INGRESS", string.Join(", ", ingress));

    [Fact]
    public void Fires_on_a_rule_shadowed_by_a_rule_with_another_action()
    {
        var cluster = Manifests.Load(Input + AdminPolicy("allow-prometheus", 20,
            "{name: allow-prometheus, action: Allow, from: [{pods: {namespaceSelector: {matchLabels: {team: monitoring}}, podSelector: {matchLabels: {app: prometheus}}}}]}"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        var shadowed = cluster.AdminPolicies.Single(p => p.Name == "allow-prometheus");
        var shadowing = cluster.AdminPolicies.Single(p => p.Name == "deny-monitoring");
        Assert.Equal(shadowed.Ingress[0].Span, finding.Span);
        Assert.Equal(shadowed.Meta.Ref, finding.Object);
        Assert.Equal(
            "AdminNetworkPolicy allow-prometheus: spec.ingress[0] \"allow-prometheus\" (Allow) never decides any connection, for every possible pod: " +
            $"AdminNetworkPolicy deny-monitoring spec.ingress[0] \"deny-monitoring\" (Deny, {shadowing.Ingress[0].Span}) decides all of its traffic first, " +
            "with a different action than this rule's Allow, so its intent is overridden (likely a bug)",
            finding.Message);
    }

    [Fact]
    public void Fires_on_a_rule_shadowed_by_an_earlier_rule_of_the_same_policy_with_the_same_action()
    {
        var cluster = Manifests.Load(Manifests.Namespace("shop", "{team: shop}") + AdminPolicy("deny", 10,
            "{name: deny-all, action: Deny, from: [{namespaces: {}}]}",
            "{name: deny-8080, action: Deny, from: [{namespaces: {matchLabels: {team: web}}}], ports: [{portNumber: {protocol: TCP, port: 8080}}]}"));

        var finding = Assert.Single(RuleRun.Analyze(Rule, cluster));

        Assert.Equal(cluster.AdminPolicies[0].Ingress[1].Span, finding.Span);
        Assert.Contains("spec.ingress[1] \"deny-8080\" (Deny) never decides any connection", finding.Message);
        Assert.EndsWith("with the same action (Deny), so the rule is dead weight", finding.Message);
    }

    [Fact]
    public void Does_not_fire_on_a_partially_shadowed_rule()
    {
        var cluster = Manifests.Load(Input + AdminPolicy("allow-8080", 20,
            "{name: allow-8080, action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 8080}}]}"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }

    [Fact]
    public void Does_not_fire_between_policies_of_the_same_priority()
    {
        var cluster = Manifests.Load(Input + AdminPolicy("allow-monitoring", 10,
            "{name: allow-monitoring, action: Allow, from: [{namespaces: {matchLabels: {team: monitoring}}}]}"));

        Assert.Empty(RuleRun.Analyze(Rule, cluster));
    }
}
