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

    /// <summary>
    /// `--solver-total`: all the questions together share a limit; the ones not asked by then give
    /// no finding and are counted as unfinished, never dropped in silence (docs/lint.md).
    /// </summary>
    [Fact]
    public void Questions_past_the_total_limit_are_counted_unfinished()
    {
        var run = CliRun.Of("lint", "testdata/redundancy", "--format", "json", "--solver-total", "0.000001");

        Assert.Contains("\"unfinishedChecks\"", run.Out);
        // Every-pod answers come from set computation, which the limit does not cut
        // (docs/lint.md); the input-pod form of redundant-rule needs the solver.
        Assert.Contains("for every possible pod", run.Out);
        Assert.DoesNotContain("is redundant for the pods in these manifests", run.Out);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_total_that_is_not_positive_is_bad_input(string seconds)
    {
        var run = CliRun.Of("lint", "testdata/redundancy", "--solver-total", seconds);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--solver-total", run.Error);
    }
}
