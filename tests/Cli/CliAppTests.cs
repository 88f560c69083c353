namespace PolicyLint.Cli.Tests;

public class CliAppTests
{
    [Fact]
    public void Version_prints_the_assembly_version_and_the_commit_it_was_built_from()
    {
        var run = CliRun.Of("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("+", run.Out);
        // The build records the commit when it runs in a git checkout (a worktree has a .git file); elsewhere only the version is printed.
        if (!Path.Exists(Path.Combine(RepositoryRoot.Path, ".git")))
        {
            Assert.Equal(PolicyLint.Cli.CliApp.Version + "\n", run.Out);
            return;
        }
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(PolicyLint.Cli.CliApp.Version)} \\(commit [0-9a-f]{{12}}\\)\n$", run.Out);
    }

    [Fact]
    public void Completion_scripts_ask_policylint_for_suggestions_through_the_suggest_directive()
    {
        foreach (var shell in PolicyLint.Cli.Completion.CompletionCommand.Shells)
        {
            var run = CliRun.Of("completion", shell);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("policylint \"[suggest:", run.Out);
        }
        Assert.Contains("complete -o default -o bashdefault -F _policylint_complete policylint", CliRun.Of("completion", "bash").Out);
    }

    [Theory]
    [InlineData("li", "lint\n")]
    [InlineData("lint --format ", "github\njson\njunit\nsarif\ntext\n")]
    [InlineData("completion ", "--help\n--namespace\n-?\n-h\n-n\n/?\n/h\nbash\nfish\npwsh\nzsh\n")]
    public void The_suggest_directive_the_scripts_use_completes_commands_and_option_values(string line, string expected)
    {
        var run = CliRun.Of($"[suggest:{line.Length}]", line);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Out);
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
