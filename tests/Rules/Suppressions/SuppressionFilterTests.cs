using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Rules.Configuration;
using PolicyLint.Rules.Suppressions;

namespace PolicyLint.Rules.Tests.Suppressions;

public class SuppressionFilterTests
{
    [Fact]
    public void An_annotation_suppresses_the_named_rules_of_its_object_with_the_reason()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web", w => w
                .Annotate(SuppressionAnnotation.IgnoreKey, "workload-not-isolated, namespace-without-default-deny")
                .Annotate(SuppressionAnnotation.ReasonKey, "public front end"))
            .Build();
        var workload = cluster.Workloads[0];

        var result = RuleRun.Lint(cluster);

        var suppressed = result.Suppressed.ToList();
        Assert.Equal(2, suppressed.Count);
        Assert.All(suppressed, f => Assert.Equal("workload-not-isolated", f.RuleId));
        Assert.All(suppressed, f => Assert.Equal("public front end", f.Suppression!.Reason));
        Assert.All(suppressed, f => Assert.Equal(workload.Meta.AnnotationSpan(SuppressionAnnotation.IgnoreKey), f.Suppression!.Span));
        Assert.Equal(0, result.Count(Severity.Warning));
        Assert.False(result.Fails(Severity.Warning));

        // namespace-without-default-deny is about the namespace, not the workload: the entry suppresses nothing.
        var unused = Assert.Single(result.Active, f => f.RuleId == "unused-suppression");
        Assert.Equal(workload.Meta.AnnotationSpan(SuppressionAnnotation.IgnoreKey), unused.Span);
        Assert.NotEqual(workload.Meta.Span, unused.Span);
        Assert.Equal(workload.Meta.Ref, unused.Object);
        Assert.Contains("names 'namespace-without-default-deny', which reports nothing about this object", unused.Message);
    }

    [Fact]
    public void A_misspelled_rule_id_is_an_unused_suppression_saying_so()
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "open", p => p.Select().Ingress().Annotate(SuppressionAnnotation.IgnoreKey, "allow-all"))
            .Build();

        var result = RuleRun.Lint(cluster);

        Assert.Single(result.Active, f => f.RuleId == "allow-all-rule");
        var unused = Assert.Single(result.Active, f => f.RuleId == "unused-suppression");
        Assert.Contains("'allow-all', which is not a PolicyLint rule id", unused.Message);
        Assert.Equal(Severity.Info, unused.Severity);
    }

    [Fact]
    public void A_suppression_of_a_disabled_rule_is_not_reported_as_unused()
    {
        var cluster = new ClusterBuilder()
            .Policy("shop", "open", p => p.Select().Ingress().Annotate(SuppressionAnnotation.IgnoreKey, "allow-all-rule"))
            .Build();
        var config = LintConfig.Default("/repo") with
        {
            Rules = ImmutableDictionary<string, RuleSetting>.Empty.Add("allow-all-rule", new RuleSetting(false, null, SourceSpan.None)),
        };

        var result = Linter.Lint(cluster, [], new LintOptions(config, "/repo"));

        Assert.DoesNotContain(result.Findings, f => f.RuleId is "unused-suppression" or "allow-all-rule");
    }

    [Fact]
    public void An_annotation_does_not_suppress_findings_about_other_objects()
    {
        var cluster = new ClusterBuilder()
            .Workload("shop", "web", w => w.Annotate(SuppressionAnnotation.IgnoreKey, "workload-not-isolated"))
            .Workload("shop", "db")
            .Build();

        var result = RuleRun.Lint(cluster);

        var active = result.Active.Where(f => f.RuleId == "workload-not-isolated").ToList();
        Assert.Equal(2, active.Count);
        Assert.All(active, f => Assert.Equal("db", f.Object!.Name));
    }
}
