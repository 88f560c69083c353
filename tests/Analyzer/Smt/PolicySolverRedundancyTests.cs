using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

public sealed class PolicySolverRedundancyTests
{
    [Fact]
    public void Rule_inside_a_broader_rule_of_another_policy_is_covered_by_it()
    {
        var cluster = WithPolicies(
            Policy("narrow", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}], ports: [{port: 80}]}]"),
            Policy("broad", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {}}]}]"));
        using var encoding = PolicySolver.Create(cluster);

        var result = encoding.CheckRuleRedundancy(cluster.Policy("narrow"), PolicyDirections.Ingress, 0);

        Assert.Equal(RuleRedundancyKind.Covered, result.Kind);
        var cover = Assert.Single(result.CoveringRules);
        Assert.Same(cluster.Policy("broad"), cover.Policy);
        Assert.Equal(0, cover.Index);
        Assert.True(cover.Span.IsKnown);
        Assert.Contains("NetworkPolicy prod/broad ingress rule 0", cover.ToString());
    }

    [Fact]
    public void Broader_rule_is_not_redundant_and_the_witness_shows_why()
    {
        var cluster = WithPolicies(
            Policy("narrow", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}], ports: [{port: 80}]}]"),
            Policy("broad", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {}}]}]"));
        using var encoding = PolicySolver.Create(cluster);

        var result = encoding.CheckRuleRedundancy(cluster.Policy("broad"), PolicyDirections.Ingress, 0);

        Assert.Equal(RuleRedundancyKind.NotRedundant, result.Kind);
        var witness = result.Witness!;
        Assert.True(witness.Source.IsPod);
        Assert.Equal("prod", witness.Destination.Namespace);
        // The narrow rule would allow it, so the witness must fall outside it.
        var narrow = witness.Destination.PodLabels.TryGetValue("app", out var app) && app == "web"
            && witness.Source.NamespaceLabels.TryGetValue("team", out var team) && team == "b"
            && witness.Protocol == Protocol.TCP && witness.Port == 80;
        Assert.False(narrow, witness.ToString());
    }

    [Fact]
    public void Cover_is_minimal_and_may_need_several_rules()
    {
        var cluster = WithPolicies(
            Policy("target", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: 80}, {port: 81}]}]"),
            Policy("p80", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: 80}]}]"),
            Policy("p81", "prod", "podSelector: {}\ningress: [{ports: [{port: 81}]}, {ports: [{port: 81}, {port: 82}]}]"),
            Policy("unrelated", "dev", "podSelector: {}\ningress: [{}]"));
        using var encoding = PolicySolver.Create(cluster);

        var result = encoding.CheckRuleRedundancy(cluster.Policy("target"), PolicyDirections.Ingress, 0);

        Assert.Equal(RuleRedundancyKind.Covered, result.Kind);
        Assert.Equal(2, result.CoveringRules.Length);
        Assert.Contains(result.CoveringRules, r => r.Policy.Name == "p80");
        Assert.Contains(result.CoveringRules, r => r.Policy.Name == "p81");
        Assert.DoesNotContain(result.CoveringRules, r => r.Policy.Name == "unrelated");
    }

    [Fact]
    public void Redundant_for_input_pods_but_not_for_every_possible_pod()
    {
        // Every input pod with app=db also has tier=data, but a future pod need not.
        var cluster = WithPolicies(Policy("p", "prod", """
            podSelector: {matchLabels: {app: web}}
            ingress:
            - from: [{podSelector: {matchLabels: {app: db}}}]
            - from: [{podSelector: {matchLabels: {tier: data}}}]
            """));
        using var encoding = PolicySolver.Create(cluster);
        var policy = cluster.Policy("p");

        var input = encoding.CheckRuleRedundancy(policy, PolicyDirections.Ingress, 0, PodScope.InputPods);
        var any = encoding.CheckRuleRedundancy(policy, PolicyDirections.Ingress, 0, PodScope.AnyPod);

        Assert.Equal(RuleRedundancyKind.Covered, input.Kind);
        Assert.Equal(1, Assert.Single(input.CoveringRules).Index);
        Assert.Equal(RuleRedundancyKind.NotRedundant, any.Kind);
        Assert.Equal("db", any.Witness!.Source.PodLabels["app"]);
        Assert.False(any.Witness.Source.PodLabels.ContainsKey("tier"));
        Assert.Equal("prod", any.Witness.Source.Namespace);
    }

    [Fact]
    public void Rule_of_a_direction_not_in_policyTypes_is_ignored()
    {
        var cluster = WithPolicies(Policy("p", "prod", "podSelector: {}\npolicyTypes: [Ingress]\negress: [{}]"));
        using var encoding = PolicySolver.Create(cluster);
        Assert.Equal(RuleRedundancyKind.IgnoredByPolicyTypes,
            encoding.CheckRuleRedundancy(cluster.Policy("p"), PolicyDirections.Egress, 0).Kind);
    }

    [Fact]
    public void Rule_whose_peer_can_never_match_allows_nothing()
    {
        var cluster = WithPolicies(Policy("p", "prod", """
            podSelector: {}
            ingress:
            - from: [{podSelector: {matchExpressions: [{key: app, operator: Exists}, {key: app, operator: DoesNotExist}]}}]
            """));
        using var encoding = PolicySolver.Create(cluster);
        var result = encoding.CheckRuleRedundancy(cluster.Policy("p"), PolicyDirections.Ingress, 0);
        Assert.Equal(RuleRedundancyKind.AllowsNothing, result.Kind);
        Assert.True(result.IsRedundant);
    }

    [Fact]
    public void CheckAllRules_reports_every_rule_once()
    {
        var cluster = WithPolicies(
            Policy("a", "prod", "podSelector: {}\ningress: [{}, {ports: [{port: 1}]}]\negress: [{}]\npolicyTypes: [Ingress, Egress]"));
        using var encoding = PolicySolver.Create(cluster);
        var results = encoding.CheckAllRules();
        Assert.Equal(3, results.Count);
        Assert.Equal(RuleRedundancyKind.NotRedundant, results[0].Kind);
        Assert.Equal(RuleRedundancyKind.Covered, results[1].Kind);
        Assert.Equal(RuleRedundancyKind.NotRedundant, results[2].Kind);
    }

    [Fact]
    public void Duplicate_policy_is_redundant()
    {
        const string spec = "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {}}], ports: [{port: 80}]}]";
        var cluster = WithPolicies(Policy("one", "prod", spec), Policy("two", "prod", spec));
        using var encoding = PolicySolver.Create(cluster);
        var result = encoding.CheckPolicyRedundancy(cluster.Policy("two"));
        Assert.True(result.IsRedundant);
    }

    [Fact]
    public void Only_isolating_policy_is_not_redundant_even_when_it_allows_everything()
    {
        var cluster = WithPolicies(Policy("allow-all", "prod", "podSelector: {}\ningress: [{}]"));
        using var encoding = PolicySolver.Create(cluster);
        // Removing it changes no connection, but pods in prod stop being isolated for ingress.
        var result = encoding.CheckPolicyRedundancy(cluster.Policy("allow-all"));
        Assert.False(result.IsRedundant);
        Assert.Equal(PolicyDirections.Ingress, result.LosesIsolation);
        Assert.Equal("prod", result.UnisolatedPod!.Namespace);
    }

    [Fact]
    public void Policy_whose_removal_opens_connections_is_not_redundant()
    {
        var cluster = WithPolicies(
            Policy("deny", "prod", "podSelector: {}\npolicyTypes: [Ingress]"),
            Policy("web", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: 80}]}]"));
        using var encoding = PolicySolver.Create(cluster);

        var deny = encoding.CheckPolicyRedundancy(cluster.Policy("deny"));
        Assert.False(deny.IsRedundant);
        Assert.Equal(PolicyDirections.Ingress, deny.LosesIsolation);
        Assert.NotEqual("web", deny.UnisolatedPod!.PodLabels.TryGetValue("app", out var app) ? app : null);

        var web = encoding.CheckPolicyRedundancy(cluster.Policy("web"));
        Assert.False(web.IsRedundant);
        Assert.Equal(PolicyDirections.None, web.LosesIsolation);
        Assert.True(web.AllowedWithPolicy);
        Assert.Equal(80, web.ChangedConnection!.Port);
        Assert.Equal("web", web.ChangedConnection.Destination.PodLabels["app"]);
    }

    [Fact]
    public void Hundred_policies_check_all_rules_in_seconds()
    {
        var policies = Enumerable.Range(0, 100).Select(i => Policy($"p{i}", i % 2 == 0 ? "prod" : "dev", $"""
            podSelector: {"{"}matchLabels: {"{"}app: a{i % 10}{"}"}{"}"}
            policyTypes: [Ingress, Egress]
            ingress:
            - from: [{"{"}namespaceSelector: {"{"}matchLabels: {"{"}team: t{i % 7}{"}"}{"}"}, podSelector: {"{"}matchExpressions: [{"{"}key: role, operator: In, values: [r{i % 5}, r{(i + 1) % 5}]{"}"}]{"}"}{"}"}]
              ports: [{"{"}port: {1000 + i % 13}, endPort: {1100 + i % 17}{"}"}]
            egress:
            - to: [{"{"}ipBlock: {"{"}cidr: 10.{i}.0.0/16, except: [10.{i}.1.0/24]{"}"}{"}"}]
            """)).ToArray();
        var cluster = WithPolicies(policies);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        using var encoding = PolicySolver.Create(cluster);
        var results = encoding.CheckAllRules();
        Assert.Equal(200, results.Count);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }
}
