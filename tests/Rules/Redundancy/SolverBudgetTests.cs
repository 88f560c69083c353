using PolicyLint.Rules.Coverage;
using PolicyLint.Rules.Redundancy;

namespace PolicyLint.Rules.Tests.Redundancy;

public class SolverBudgetTests
{
    /// <summary>Two copies of one policy (redundant-rule fires on them alone), plus filler policies.</summary>
    private static Analyzer.Model.Cluster Copies(int fillers)
    {
        var builder = new ClusterBuilder().Workload("shop", "api");
        builder.Policy("shop", "copy-1", p => p.Select(("app", "api")).Ingress(r => r.Pods(("app", "web"))));
        builder.Policy("shop", "copy-2", p => p.Select(("app", "api")).Ingress(r => r.Pods(("app", "web"))));
        for (var i = 0; i < fillers; i++) builder.Policy($"other-{i % 50}", $"filler-{i}", p => p.Select(("app", $"f{i}")).Ingress());
        return builder.Build();
    }

    /// <summary>There is no cut-off by size any more: 1,200 policies (the old limit was 1,000) are all checked.</summary>
    [Fact]
    public void Inputs_of_any_size_are_given_to_the_solver()
    {
        var cluster = Copies(1200);

        Assert.Single(RuleRun.Analyze(new RedundantRuleRule(), cluster));
        Assert.Single(RuleRun.Analyze(new RedundantPolicyRule(), cluster));
        var selectsNothing = RuleRun.Analyze(new PolicySelectsNothingRule(), cluster);
        Assert.Equal(1200, selectsNothing.Count);
        Assert.All(selectsNothing, f => Assert.Contains("matches no workload in namespace other-", f.Message));
    }

    [Fact]
    public void Unfinished_questions_are_counted_never_dropped_silently()
    {
        var budget = new SolverBudget(TimeSpan.FromMilliseconds(250));

        Assert.Equal(250u, budget.Milliseconds);
        Assert.Equal("answer", budget.Counted("answer"));
        Assert.Null(budget.Counted<string>(null));
        budget.CountUnfinished(2);
        Assert.Equal(3, budget.Unfinished);
    }

    /// <summary>
    /// `--solver-total` covers the selector questions too (docs/lint.md: "limits all the solver's
    /// lint questions together"): once it is spent, policy-selects-nothing keeps its input-only
    /// message and the question is counted unfinished, where it would otherwise say "can never match".
    /// </summary>
    [Fact]
    public void Selector_questions_past_the_total_are_counted_unfinished()
    {
        var builder = new ClusterBuilder().Workload("shop", "api");
        builder.Policy("shop", "contradiction", p => p.Select(("app", "a"), ("app", "b")).Ingress());
        var cluster = builder.Build();
        var spent = new SolverBudget(total: TimeSpan.FromTicks(1));
        _ = spent.TotalLeft;
        Thread.Sleep(1);

        var unbounded = new PolicySelectsNothingRule().Analyze(new LintContext(cluster, [], Analyzer.Core.AnalysisProfile.Default)).Single();
        var bounded = new PolicySelectsNothingRule().Analyze(new LintContext(cluster, [], Analyzer.Core.AnalysisProfile.Default, spent)).Single();

        Assert.Contains("can never match", unbounded.Message);
        Assert.Contains("matches no workload in namespace shop", bounded.Message);
        Assert.Equal(1, spent.Unfinished);
    }

    [Fact]
    public void A_budget_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SolverBudget(TimeSpan.Zero));
    }
}
