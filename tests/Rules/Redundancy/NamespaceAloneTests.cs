using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Rules.Coverage;
using PolicyLint.Rules.Redundancy;
using PolicyLint.Tests;

namespace PolicyLint.Rules.Tests.Redundancy;

/// <summary>
/// The solver's findings about a namespace are the same whether the namespace is linted with the
/// whole input or alone (its own objects plus every cluster-scoped object: Namespaces and the
/// cluster policies, as `kubectl get -n NS` plus the cluster-scoped kinds would give). That is
/// what scoping promises (docs/architecture.md, "Solver questions at scale"): a NetworkPolicy's
/// podSelector "selects pods in the same namespace as the NetworkPolicy" (Kubernetes, Network
/// Policies), so no other namespace's policy can cover or shadow its rules, and a peer selector
/// only constrains the other end.
/// <para>
/// Compared: redundant-rule warnings (every possible pod), redundant-policy, shadowed-rule, and
/// the "can never match" forms of policy-selects-nothing and peer-selects-nothing. Not compared,
/// because they are about the input and the input differs: redundant-rule's info findings
/// (redundant for the pods in the manifests: other namespaces' pods are peers) and the other
/// forms of the selector rules (matching no workload of the input).
/// </para>
/// </summary>
public sealed class NamespaceAloneTests
{
    private static readonly string[] SolverRules =
        [RedundantRuleRule.Rule.Id, RedundantPolicyRule.Rule.Id, ShadowedRuleRule.Rule.Id, PolicySelectsNothingRule.Rule.Id, PeerSelectsNothingRule.Rule.Id];

    [Theory]
    [InlineData("testdata/redundancy")]
    [InlineData("testdata/anp")]
    [InlineData("testdata/cnp")]
    [InlineData("testdata/demo")]
    public void A_namespace_linted_alone_has_the_solver_findings_it_has_in_the_whole_input(string directory)
    {
        var loaded = ClusterLoader.Load([Path.Combine(RepositoryRoot.Path, directory)]);
        var whole = SolverFindings(loaded.Cluster, loaded.Diagnostics);
        var namespaces = loaded.Cluster.Workloads.Select(w => w.Namespace).Concat(loaded.Cluster.NetworkPolicies.Select(p => p.Namespace))
            .Distinct(StringComparer.Ordinal).ToList();

        Assert.True(namespaces.Count >= 2, $"{directory} should have several namespaces");
        Assert.NotEmpty(whole);
        foreach (var ns in namespaces)
        {
            var alone = SolverFindings(Alone(loaded.Cluster, ns), loaded.Diagnostics);
            Assert.Equal(Of(whole, ns), Of(alone, ns));
            // The cluster policies' findings are every slice's too.
            Assert.Equal(Of(whole, ""), Of(alone, ""));
        }
    }

    /// <summary>The namespace's objects and every cluster-scoped one.</summary>
    private static Cluster Alone(Cluster cluster, string ns) => cluster with
    {
        Workloads = [.. cluster.Workloads.Where(w => w.Namespace == ns)],
        Services = [.. cluster.Services.Where(s => s.Namespace == ns)],
        NetworkPolicies = [.. cluster.NetworkPolicies.Where(p => p.Namespace == ns)],
        Ingresses = [.. cluster.Ingresses.Where(i => i.Meta.Namespace == ns)],
        Routes = [.. cluster.Routes.Where(r => r.Meta.Namespace == ns)],
        Endpoints = [.. cluster.Endpoints.Where(e => e.Namespace == ns)],
        ConfigMaps = [.. cluster.ConfigMaps.Where(c => c.Namespace == ns)],
    };

    private static List<Diagnostic> SolverFindings(Cluster cluster, System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics)
    {
        var rules = RuleRegistry.Rules.Where(r => SolverRules.Contains(r.Descriptor.Id)).ToList();
        Assert.Equal(SolverRules.Length, rules.Count);
        var result = Linter.Lint(cluster, diagnostics, LintOptions.Default("/repo") with { Rules = [.. rules] });
        Assert.Equal(0, result.UnfinishedChecks);
        return [.. result.Findings.Select(f => f.Diagnostic).Where(FromTheSolver)];
    }

    private static bool FromTheSolver(Diagnostic d) =>
        d.RuleId == RedundantRuleRule.Rule.Id ? d.Severity != Severity.Info
        : d.RuleId == PolicySelectsNothingRule.Rule.Id || d.RuleId == PeerSelectsNothingRule.Rule.Id ? d.Message.Contains("can never match", StringComparison.Ordinal)
        : true;

    /// <summary>The findings about objects of the namespace ("" for cluster-scoped objects), as text with their place.</summary>
    private static List<string> Of(List<Diagnostic> findings, string ns) =>
        [.. findings.Where(d => (d.Object?.Namespace ?? "") == ns).Select(d => $"{d.Span} {d.RuleId} {d.Severity}: {d.Message}")];
}
