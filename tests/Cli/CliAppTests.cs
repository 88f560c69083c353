namespace PolicyLint.Cli.Tests;

public class CliAppTests
{
    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var run = CliRun.Of("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(PolicyLint.Cli.CliApp.Version + "\n", run.Out);
        Assert.DoesNotContain("+", run.Out);
    }

    [Fact]
    public void Unknown_command_is_a_usage_error_with_exit_2()
    {
        var run = CliRun.Of("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("frobnicate", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Help_lists_usage_and_succeeds()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
    }
}
