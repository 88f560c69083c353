using System.Text.Json;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Tests.Lint;

public class RulesCommandTests
{
    [Fact]
    public void Text_lists_every_rule_with_its_severity_and_title()
    {
        var run = CliRun.Of("rules");

        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, "rules.text");
        Assert.All(RuleRegistry.Descriptors, d => Assert.Contains($"{d.Id} ", run.Out));
    }

    [Fact]
    public void Json_describes_every_rule()
    {
        var run = CliRun.Of("rules", "--format", "json");

        var rules = JsonDocument.Parse(run.Out).RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleRegistry.Descriptors.Select(d => d.Id), rules.Select(r => r.GetProperty("id").GetString()));
        var allowAll = rules.Single(r => r.GetProperty("id").GetString() == "allow-all-rule");
        Assert.Equal("info", allowAll.GetProperty("severity").GetString());
        Assert.Equal("docs/rules/allow-all-rule.md", allowAll.GetProperty("documentation").GetString());
    }

    [Fact]
    public void One_rule_in_full()
    {
        var run = CliRun.Of("rules", "implicit-ingress-isolation");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("implicit-ingress-isolation (warning): Egress-only policy without policyTypes also denies all ingress\n", run.Out);
        Assert.Contains("How to fix: Declare the intent", run.Out);
        Assert.Contains("Documentation: docs/rules/implicit-ingress-isolation.md", run.Out);
    }

    [Fact]
    public void An_unknown_rule_id_is_exit_2()
    {
        var run = CliRun.Of("rules", "no-such-rule");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown rule id 'no-such-rule'", run.Error);
    }
}
