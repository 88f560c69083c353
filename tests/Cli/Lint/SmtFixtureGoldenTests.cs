namespace PolicyLint.Cli.Tests.Lint;

/// <summary>
/// The rules backed by the SMT engine on their fixtures: testdata/redundancy (a rule redundant
/// for every pod, one redundant only for the input pods, a redundant policy, contradictory
/// selectors) and testdata/anp (shadowed cluster policy rules, and Pass falling through).
/// </summary>
public class SmtFixtureGoldenTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Redundancy_fixture(string format)
    {
        var run = CliRun.Of("lint", "testdata/redundancy", "--format", format, "--fail-on", "warning");

        Assert.Equal("", run.Error);
        Assert.Equal(1, run.ExitCode);
        Golden.Verify(run.Out, $"redundancy.{format}");
    }

    [Fact]
    public void Anp_fixture()
    {
        var run = CliRun.Of("lint", "testdata/anp", "--fail-on", "warning");

        Assert.Equal("", run.Error);
        Assert.Equal(1, run.ExitCode);
        Golden.Verify(run.Out, "anp.text");
        Assert.DoesNotContain("\"allow-8080\" (Allow) never decides", run.Out);
    }
}
