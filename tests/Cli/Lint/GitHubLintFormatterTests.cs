using PolicyLint.Cli.Output.Escaping;
using PolicyLint.Cli.Lint.Formats;

namespace PolicyLint.Cli.Tests.Lint;

public class GitHubLintFormatterTests
{
    [Fact]
    public void Data_escapes_percent_and_line_breaks()
    {
        Assert.Equal("100%25 done%0D%0Anext: a,b", WorkflowCommandText.Data("100% done\r\nnext: a,b"));
    }

    [Fact]
    public void Properties_also_escape_colon_and_comma()
    {
        Assert.Equal("rule%3A a%2C b%25%0A", WorkflowCommandText.Property("rule: a, b%\n"));
    }

    [Fact]
    public void Severities_map_to_error_warning_and_notice_commands()
    {
        var lines = CliRun.Of("lint", "tests/Cli/Lint/Fixtures/shop", "--format", "github").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(lines, line => Assert.Matches(@"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^,:]+::.+$", line));
        Assert.Contains(lines, l => l.StartsWith("::error file=tests/Cli/Lint/Fixtures/shop/policies.yaml,line=78,col=15,title=invalid-cidr%3A ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("::notice ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("public front end"));
    }
}
