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
        for (var i = 0; i < fillers; i++) builder.Policy("other", $"filler-{i}", p => p.Select(("app", $"f{i}")).Ingress());
        return builder.Build();
    }

    [Fact]
    public void Inputs_up_to_the_limit_are_checked()
    {
        Assert.NotEmpty(RuleRun.Analyze(new RedundantRuleRule(), Copies(SolverBudget.MaxPolicies - 2)));
    }

    [Fact]
    public void Inputs_over_the_limit_are_not_given_to_the_solver()
    {
        var cluster = Copies(SolverBudget.MaxPolicies - 1);

        Assert.Empty(RuleRun.Analyze(new RedundantRuleRule(), cluster));
        Assert.Empty(RuleRun.Analyze(new RedundantPolicyRule(), cluster));
        var selectsNothing = RuleRun.Analyze(new PolicySelectsNothingRule(), cluster);
        Assert.All(selectsNothing, f => Assert.Contains("matches no workload in namespace other", f.Message));
    }
}
