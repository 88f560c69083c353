using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Rules.Configuration;

namespace PolicyLint.Rules.Tests;

public class LinterTests
{
    private static LintResult Lint(ClusterBuilder builder, LintConfig config) =>
        Linter.Lint(builder.Build(), [], new LintOptions(config, "/repo"));

    private static LintConfig Config(params (string Id, RuleSetting Setting)[] rules) =>
        LintConfig.Default("/repo") with { Rules = rules.ToImmutableDictionary(r => r.Id, r => r.Setting) };

    private static ClusterBuilder OpenWorkload() => new ClusterBuilder("deploy/app.yaml").Workload("shop", "web");

    [Fact]
    public void Runs_every_rule_and_sorts_findings_by_position_then_rule()
    {
        var result = Lint(OpenWorkload(), LintConfig.Default("/repo"));

        Assert.Equal(
            ["namespace-without-default-deny", "namespace-without-default-deny", "workload-not-isolated", "workload-not-isolated"],
            result.Findings.Select(f => f.RuleId));
        Assert.Equal(2, result.Count(Severity.Warning));
        Assert.Equal(2, result.Count(Severity.Info));
        Assert.False(result.Fails(Severity.Error));
        Assert.True(result.Fails(Severity.Warning));
        Assert.False(result.Fails(null));
    }

    [Fact]
    public void Disabled_rules_do_not_run_and_overrides_change_severity()
    {
        var config = Config(
            ("namespace-without-default-deny", new RuleSetting(false, null, SourceSpan.None)),
            ("workload-not-isolated", new RuleSetting(true, Severity.Error, SourceSpan.None)));

        var result = Lint(OpenWorkload(), config);

        Assert.All(result.Findings, f => Assert.Equal("workload-not-isolated", f.RuleId));
        Assert.Equal(2, result.Count(Severity.Error));
        Assert.DoesNotContain(result.Rules, d => d.Id == "namespace-without-default-deny");
    }

    [Fact]
    public void Findings_in_ignored_paths_are_dropped()
    {
        var config = LintConfig.Default("/repo") with { Ignore = [new PathGlob("deploy/**")] };

        Assert.Empty(Lint(OpenWorkload(), config).Findings);
    }

    [Fact]
    public void The_profile_option_overrides_the_configuration()
    {
        var options = new LintOptions(LintConfig.Default("/repo") with { Profile = AnalysisProfile.NetpolAnalyzer }, "/repo");

        Assert.Equal(AnalysisProfile.NetpolAnalyzer, options.EffectiveProfile);
        Assert.Equal(AnalysisProfile.Default, (options with { Profile = AnalysisProfile.Default }).EffectiveProfile);
    }

    [Fact]
    public void New_findings_are_those_the_baseline_lacks_whatever_their_position()
    {
        var before = Lint(new ClusterBuilder("a.yaml").Workload("shop", "web"), LintConfig.Default("/repo"));
        var after = Lint(new ClusterBuilder("b.yaml").Workload("shop", "web").Workload("shop", "db"), LintConfig.Default("/repo"));

        var introduced = after.NewSince(before).ToList();

        Assert.Equal(2, introduced.Count);
        Assert.All(introduced, f => Assert.Equal("db", f.Object!.Name));
        Assert.Empty(before.NewSince(before));
    }
}
