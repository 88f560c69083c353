namespace PolicyLint.Cli.Tests.Lint;

/// <summary>`lint --solver-budget SECONDS`: the time limit of one solver check (docs/lint.md).</summary>
public class SolverBudgetOptionTests
{
    [Fact]
    public void A_generous_budget_changes_no_finding()
    {
        var byDefault = CliRun.Of("lint", "testdata/redundancy", "--format", "json");
        var generous = CliRun.Of("lint", "testdata/redundancy", "--format", "json", "--solver-budget", "120");

        Assert.Equal(byDefault.ExitCode, generous.ExitCode);
        Assert.Equal(byDefault.Out, generous.Out);
        Assert.Contains("redundant-rule", generous.Out);
        Assert.DoesNotContain("unfinishedChecks", generous.Out);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void A_budget_that_is_not_positive_is_bad_input(string seconds)
    {
        var run = CliRun.Of("lint", "testdata/redundancy", "--solver-budget", seconds);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--solver-budget", run.Error);
    }
}
