using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// Many namespaces with the same labels (Vocabulary.Representative): the scoped questions keep
/// one namespace per class of namespaces no policy names and whose labels the policies cannot
/// tell apart, and must give the answers of the whole-cluster encoding, which keeps every
/// namespace. Kubernetes: a namespaceSelector "selects particular namespaces for which all
/// pods should be allowed", by the namespace's labels; kubernetes.io/metadata.name is "set on
/// all namespaces" to its name, so a name is just one more label a selector can read.
/// </summary>
[Collection(SolverHeavyCollection.Name)]
public sealed class InterchangeableNamespacesTests
{
    private const int Tenants = 24;

    /// <summary>tenant-00..23: team a, b, c in turn; env x for the first half, staging (a value no policy mentions) after.</summary>
    private static Cluster TenantCluster() => Load(
        [
            Base,
            .. Enumerable.Range(0, Tenants).Select(i => $$$"""
                apiVersion: v1
                kind: Namespace
                metadata: {name: {{{Name(i)}}}, labels: {{{Labels(i)}}}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: client-{{{i}}}, namespace: {{{Name(i)}}}, labels: {app: client}}
                spec: {containers: [{name: c, image: x}]}
                """),
            Policy("deny-all", "prod", "podSelector: {}\npolicyTypes: [Ingress]"),
            Policy("from-a", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: a}}}]}]"),
            Policy("from-a-clients", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchLabels: {app: client}}}]}]"),
            Policy("from-b-x", "prod", "podSelector: {}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: b, env: x}}}]}]"),
            Policy("from-named", "prod", $"podSelector: {{}}\ningress: [{{from: [{{namespaceSelector: {{matchLabels: {{kubernetes.io/metadata.name: {Name(5)}}}}}}}]}}]"),
            Policy("from-c-x", "prod", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {team: c, env: x}}}]}]"),
        ]);

    private static string Name(int i) => $"tenant-{i:00}";

    private static string Labels(int i) => "{team: " + "abc"[i % 3] + ", env: " + (i < Tenants / 2 ? "x" : "staging") + "}";

    [Fact]
    public void Namespaces_no_policy_tells_apart_share_one_representative()
    {
        var cluster = TenantCluster();
        var vocabulary = Vocabulary.Build([cluster], [], [], mergeNamespaces: true);

        // team b, env x: tenant-01, 04, 07, 10 are one class.
        Assert.All(new[] { 4, 7, 10 }, i => Assert.Equal(Name(1), vocabulary.Representative(Name(i))));
        // env staging is no value a policy mentions, like any other: team b with env staging is another class.
        Assert.All(new[] { 16, 19, 22 }, i => Assert.Equal(Name(13), vocabulary.Representative(Name(i))));
        Assert.NotEqual(vocabulary.Representative(Name(1)), vocabulary.Representative(Name(13)));
        // team c, env x: tenant-02 stands for 08 and 11, not for 05, which a policy names by kubernetes.io/metadata.name.
        Assert.Equal(Name(2), vocabulary.Representative(Name(8)));
        Assert.Equal(Name(5), vocabulary.Representative(Name(5)));
        // The namespace holding the policies is its own.
        Assert.Equal("prod", vocabulary.Representative("prod"));
        // prod, tenant-05, and one per class of the rest: 3 teams x 2 envs, and dev (team b, no env).
        Assert.Equal(2 + 6 + 1, vocabulary.NamespaceNames.Values.Length);
        Assert.Equal(2 + Tenants, Vocabulary.Build([cluster], [], []).NamespaceNames.Values.Length);
    }

    [Theory]
    [InlineData(AnalysisProfile.Default)]
    [InlineData(AnalysisProfile.NetpolAnalyzer)]
    public void Scoped_answers_equal_whole_cluster_answers_when_many_namespaces_share_labels(AnalysisProfile profile) =>
        Assert.True(ScopedQuestionsTests.Agrees(new RandomCase(TenantCluster(), profile)));

    [Fact]
    public void A_witness_names_a_real_namespace_with_the_labels_the_rule_needs()
    {
        var cluster = TenantCluster();
        using var solver = PolicySolver.Create(cluster, SmtOptions.Default with { MergeIndistinguishablePods = true });

        var result = solver.CheckRuleRedundancy(cluster.Policy("from-b-x"), PolicyDirections.Ingress, 0, PodScope.AnyPod);

        Assert.Equal(RuleRedundancyKind.NotRedundant, result.Kind);
        var source = result.Witness!.Source;
        Assert.Equal("b", source.NamespaceLabels["team"]);
        Assert.Equal("x", source.NamespaceLabels["env"]);
        if (source.NamespaceInInput)
        {
            var declared = cluster.FindNamespace(source.Namespace!);
            Assert.NotNull(declared);
            Assert.Equal("b", declared.Labels["team"]);
            Assert.Equal("x", declared.Labels["env"]);
        }
        else
        {
            Assert.Null(cluster.FindNamespace(source.Namespace!));
        }
    }
}
