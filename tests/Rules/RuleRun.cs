using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Rules.Tests;

/// <summary>Runs one rule the way the linter does, for rule tests.</summary>
public static class RuleRun
{
    public static IReadOnlyList<Diagnostic> Analyze(LintRule rule, Cluster cluster, params Diagnostic[] loadDiagnostics) =>
        rule.Analyze(new LintContext(cluster, [.. loadDiagnostics], AnalysisProfile.Default)).ToList();

    public static LintResult Lint(Cluster cluster, params Diagnostic[] loadDiagnostics) =>
        Linter.Lint(cluster, [.. loadDiagnostics], LintOptions.Default("/repo"));
}
