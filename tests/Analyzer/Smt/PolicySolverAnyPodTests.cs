using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

public sealed class PolicySolverAnyPodTests
{
    private static LabelSelector Selector(string key, string value) =>
        new([new LabelRequirement(key, SelectorOperator.In, [value], SourceSpan.None, FromMatchLabels: true)], SourceSpan.None);

    private static readonly Cluster Cluster = WithPolicies(Policy("web", "prod", """
        podSelector: {matchLabels: {app: web}}
        ingress:
        - from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchExpressions: [{key: role, operator: NotIn, values: [batch]}]}}]
          ports: [{port: 443}]
        """));

    [Fact]
    public void Unknown_pod_in_a_matching_namespace_can_reach_the_workload()
    {
        using var encoding = PolicySolver.Create(Cluster);
        var result = encoding.CheckExposure(Selector("team", "b"), LabelSelector.Everything, Cluster.Workload("web"));
        Assert.True(result.IsExposed);
        Assert.Equal(443, result.Witness!.Port);
        Assert.Equal("prod/web[Pod]", result.Witness.Destination.InputWorkload);
        Assert.Equal("b", result.Witness.Source.NamespaceLabels["team"]);
    }

    [Fact]
    public void Not_exposed_on_another_port_or_to_other_namespaces_or_excluded_pods()
    {
        using var encoding = PolicySolver.Create(Cluster);
        var web = Cluster.Workload("web");
        Assert.False(encoding.CheckExposure(Selector("team", "b"), LabelSelector.Everything, web, Protocol.TCP, 80).IsExposed);
        Assert.False(encoding.CheckExposure(Selector("team", "a"), LabelSelector.Everything, web).IsExposed);
        Assert.False(encoding.CheckExposure(Selector("team", "b"), Selector("role", "batch"), web).IsExposed);
        Assert.True(encoding.CheckExposure(Selector("team", "b"), Selector("role", "api"), web, Protocol.TCP, 443).IsExposed);
    }

    [Fact]
    public void Selector_values_the_policies_never_mention_are_handled()
    {
        using var encoding = PolicySolver.Create(Cluster);
        var web = Cluster.Workload("web");
        // "color" appears in no policy: the encoding widens its vocabulary for the query.
        var result = encoding.CheckExposure(Selector("team", "b"), Selector("color", "red"), web);
        Assert.True(result.IsExposed);
        Assert.Equal("red", result.Witness!.Source.PodLabels["color"]);
        Assert.False(encoding.CheckExposure(Selector("team", "zzz"), LabelSelector.Everything, web).IsExposed);
    }

    [Fact]
    public void Input_pods_only_scope_uses_the_pods_in_the_input()
    {
        using var encoding = PolicySolver.Create(Cluster);
        var result = encoding.CheckExposure(LabelSelector.Everything, LabelSelector.Everything, Cluster.Workload("web"), sourceScope: PodScope.InputPods);
        Assert.True(result.IsExposed);
        Assert.Equal("dev/client[Pod]", result.Witness!.Source.InputWorkload);
    }
}
