using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

public sealed class PolicySolverEquivalenceTests
{
    [Fact]
    public void Same_policies_written_differently_are_equivalent()
    {
        var before = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}], ports: [{port: 80}, {port: 81}]}]"));
        var after = WithPolicies(
            Policy("p1", "prod", "podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}\ningress: [{from: [{namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [b]}]}}], ports: [{port: 80, endPort: 81}]}]"));
        var result = PolicySolver.CheckEquivalence(before, after);
        Assert.True(result.AreEquivalent);
        Assert.Null(result.Witness);
    }

    [Fact]
    public void Changed_port_is_found_with_a_witness()
    {
        var before = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: 80}]}]"));
        var after = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: 8080}]}]"));
        var result = PolicySolver.CheckEquivalence(before, after);
        Assert.False(result.AreEquivalent);
        var witness = result.Witness!;
        Assert.Equal(Protocol.TCP, witness.Protocol);
        Assert.Contains(witness.Port, new[] { 80, 8080 });
        Assert.Equal(witness.Port == 80, result.AllowedBefore);
        Assert.Equal(witness.Port == 8080, result.AllowedAfter);
        Assert.Equal("prod/web[Pod]", witness.Destination.InputWorkload);
    }

    [Fact]
    public void Namespace_label_change_matters_for_namespace_selectors()
    {
        const string policy = "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]";
        var before = WithPolicies(Policy("p", "prod", policy));
        var after = Load(SmtCluster.Base.Replace("labels: {team: b}", "labels: {team: c}"), Policy("p", "prod", policy));
        var result = PolicySolver.CheckEquivalence(before, after);
        Assert.False(result.AreEquivalent);
        Assert.Equal("dev", result.Witness!.Source.Namespace);
        Assert.True(result.AllowedBefore);
        Assert.False(result.AllowedAfter);
    }

    [Fact]
    public void Difference_only_for_pods_not_in_the_input_depends_on_scope()
    {
        var before = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {matchLabels: {app: db}}}]}]"));
        var after = WithPolicies(Policy("p", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {matchLabels: {tier: data}}}]}]"));
        Assert.True(PolicySolver.CheckEquivalence(before, after, scope: PodScope.InputPods).AreEquivalent);
        Assert.False(PolicySolver.CheckEquivalence(before, after).AreEquivalent);
    }

    [Fact]
    public void Single_cluster_encoding_refuses_equivalence()
    {
        using var encoding = PolicySolver.Create(WithPolicies());
        Assert.Throws<InvalidOperationException>(() => encoding.CheckEquivalence());
    }
}
