using System.Text.Json;

namespace PolicyLint.Cli.Tests.Lint;

public class LintCommandTests
{
    private const string Fixtures = "tests/Cli/Lint/Fixtures";

    [Theory]
    [InlineData("error", 1)]
    [InlineData("warning", 1)]
    [InlineData("info", 1)]
    [InlineData("never", 0)]
    public void Fail_on_sets_the_exit_code(string failOn, int expected)
    {
        // The demo has one error (nodeport-exposed: the admin UI's NodePort admits 0.0.0.0/0), warnings and info findings.
        Assert.Equal(expected, CliRun.Of("lint", "testdata/demo", "--fail-on", failOn, "--format", "json").ExitCode);
    }

    [Fact]
    public void Invalid_manifests_are_error_findings_with_exit_1_not_2()
    {
        var run = CliRun.Of("lint", $"{Fixtures}/shop", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var findings = JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "invalid-yaml" && f.GetProperty("severity").GetString() == "error");
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "invalid-cidr" && f.GetProperty("line").GetInt32() == 78);
        Assert.Equal(0, CliRun.Of("lint", $"{Fixtures}/shop", "--fail-on", "never").ExitCode);
    }

    [Fact]
    public void An_unused_suppression_points_at_the_annotation_value()
    {
        var run = CliRun.Of("lint", $"{Fixtures}/shop", "--format", "json");

        var unused = JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("ruleId").GetString() == "unused-suppression");
        Assert.Equal(35, unused.GetProperty("line").GetInt32());
        Assert.Equal(27, unused.GetProperty("column").GetInt32());
        Assert.Equal("api-ingress", unused.GetProperty("object").GetProperty("name").GetString());
    }

    [Fact]
    public void A_configuration_file_that_does_not_exist_is_exit_2()
    {
        var run = CliRun.Of("lint", "testdata/demo", "--config", "no/such/.policylint.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("no/such/.policylint.yaml:0:0: invalid-config: cannot read the configuration", run.Error);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_exit_2_with_the_reason_on_stderr()
    {
        var run = CliRun.Of("lint", "testdata/demo", "no/such/dir", "--format", "sarif");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("no/such/dir", run.Error);
        Assert.Contains("invalid-path", run.Error);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "critical")]
    [InlineData("--profile", "calico")]
    public void A_bad_option_value_is_a_usage_error(string option, string value)
    {
        var run = CliRun.Of("lint", "testdata/demo", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains(value, run.Error);
    }

    [Fact]
    public void A_broken_configuration_is_one_error_line_with_its_position_and_exit_2()
    {
        var run = CliRun.Of("lint", $"{Fixtures}/broken-config");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            $"{Fixtures}/broken-config/.policylint.yaml:3:3: invalid-config: unknown rule id 'host-netwrk-pod' (run 'policylint rules' for the list)\n",
            run.Error);
    }

    [Fact]
    public void The_configuration_found_upward_disables_overrides_and_ignores()
    {
        var run = CliRun.Of("lint", $"{Fixtures}/configured", "--format", "json", "--verbose");

        var root = JsonDocument.Parse(run.Out).RootElement;
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
        // workload-not-isolated raised to error; namespace-without-default-deny off; the open
        // policy in generated/ is ignored as a file, yet it still isolates web for ingress.
        Assert.Equal("workload-not-isolated", finding.GetProperty("ruleId").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Contains("not isolated for egress", finding.GetProperty("message").GetString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"configuration {Fixtures}/configured/.policylint.yaml", run.Error);
        Assert.Contains("profile netpol-analyzer", run.Error);
    }

    [Fact]
    public void The_configuration_is_found_from_a_file_in_a_subdirectory_and_the_profile_option_wins()
    {
        var run = CliRun.Of("lint", $"{Fixtures}/configured/generated/policy.yaml", "--profile", "default", "--verbose", "--format", "json");

        Assert.Equal(0, JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").GetArrayLength());
        Assert.Contains("profile default", run.Error);
    }

    [Fact]
    public void An_explicit_config_applies_to_any_path()
    {
        var run = CliRun.Of("lint", $"{Fixtures}/broken-config/app.yaml", "--config", $"{Fixtures}/configured/.policylint.yaml", "--format", "json");

        var ids = JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("ruleId").GetString()).ToList();
        Assert.Equal(["workload-not-isolated", "workload-not-isolated"], ids);
    }

    [Fact]
    public void Stdin_is_read_with_dash_and_its_lines_are_shown()
    {
        const string manifest = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: open
              namespace: shop
            spec:
              podSelector: {}
              ingress:
              - {}
            """;

        var run = CliRun.In(RepositoryRoot.Path, manifest, "lint", "-");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("-\n  9:5     info       NetworkPolicy shop/open: spec.ingress[0] allows every source on every port  allow-all-rule\n  9 |   - {}\n    |     ^\n", run.Out);
    }

    [Fact]
    public void Colour_only_in_text_and_only_on_a_terminal()
    {
        static string Run(bool terminal, string format)
        {
            var output = new StringWriter { NewLine = "\n" };
            var context = new CliContext(new StringReader(""), output, new StringWriter(), terminal, RepositoryRoot.Path);
            Assert.Equal(1, CliApp.Run(["lint", Path.Combine(RepositoryRoot.Path, Fixtures, "shop"), "--format", format], context));
            return output.ToString();
        }

        // Ordinal: xunit's culture-aware Contains would ignore the escape character.
        Assert.True(Run(terminal: true, "text").Contains('\u001b', StringComparison.Ordinal));
        Assert.False(Run(terminal: false, "text").Contains('\u001b', StringComparison.Ordinal));
        foreach (var format in new[] { "json", "sarif", "github", "junit" })
        {
            Assert.False(Run(terminal: true, format).Contains('\u001b', StringComparison.Ordinal), format);
        }
    }
}
