namespace PolicyLint.Cli.Tests.Lint;

/// <summary>Every output format, byte for byte, on the demo app and on the lint fixture.</summary>
public class LintGoldenTests
{
    private const string Demo = "testdata/demo";
    private const string Fixture = "tests/Cli/Lint/Fixtures/shop";

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    [InlineData("junit")]
    public void Demo_app(string format)
    {
        var run = CliRun.Of("lint", Demo, "--format", format, "--fail-on", "warning");

        Assert.Equal("", run.Error);
        Assert.Equal(1, run.ExitCode);
        Golden.Verify(run.Out, $"demo.{format}");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    [InlineData("junit")]
    public void Fixture_with_invalid_input_and_suppressions(string format)
    {
        var run = CliRun.Of("lint", Fixture, "--format", format);

        Assert.Equal("", run.Error);
        Assert.Equal(1, run.ExitCode);
        Golden.Verify(run.Out, $"fixture.{format}");
    }

    [Fact]
    public void Verbose_text_shows_suppressed_findings_with_their_reason()
    {
        var run = CliRun.Of("lint", Fixture, "--verbose");

        Golden.Verify(run.Out, "fixture.verbose.text");
        Assert.Contains("policylint: no configuration file, using defaults", run.Error);
        Assert.Contains("policylint: read 5 file(s)", run.Error);
    }
}
