using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;

namespace PolicyLint.Cli.Tests.Lint;

public class SarifLintFormatterTests
{
    private static readonly JSchema Schema = JSchema.Parse(
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "Cli", "Lint", "sarif-schema-2.1.0.json")));

    [Theory]
    [InlineData("testdata/demo")]
    [InlineData("tests/Cli/Lint/Fixtures/shop")]
    public void Output_is_valid_sarif_and_every_result_has_a_file_and_a_line(string path)
    {
        var run = CliRun.Of("lint", path, "--format", "sarif");

        var log = JObject.Parse(run.Out);
        Assert.True(log.IsValid(Schema, out IList<string> errors), string.Join("\n", errors));
        var sarifRun = (JObject)log["runs"]![0]!;
        var rules = (JArray)sarifRun["tool"]!["driver"]!["rules"]!;
        var results = (JArray)sarifRun["results"]!;
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var location = result["locations"]![0]!["physicalLocation"]!;
            var uri = (string)location["artifactLocation"]!["uri"]!;
            Assert.StartsWith(path + "/", uri);
            Assert.DoesNotContain("\\", uri);
            Assert.True((int)location["region"]!["startLine"]! >= 1);
            Assert.True((int)location["region"]!["startColumn"]! >= 1);
            Assert.Equal((string)result["ruleId"]!, (string)rules[(int)result["ruleIndex"]!]!["id"]!);
        }
    }

    [Fact]
    public void Rules_carry_help_levels_tags_and_security_severity()
    {
        var log = JObject.Parse(CliRun.Of("lint", "tests/Cli/Lint/Fixtures/shop", "--format", "sarif").Out);
        var driver = log["runs"]![0]!["tool"]!["driver"]!;

        Assert.Equal("PolicyLint", (string)driver["name"]!);
        Assert.Equal(PolicyLint.Cli.CliApp.Version, (string)driver["version"]!);
        var rule = driver["rules"]!.Single(r => (string)r["id"]! == "workload-not-isolated");
        Assert.Equal("WorkloadNotIsolated", (string)rule["name"]!);
        Assert.Equal("warning", (string)rule["defaultConfiguration"]!["level"]!);
        Assert.EndsWith("/docs/rules/workload-not-isolated.md", (string)rule["helpUri"]!);
        Assert.Contains("How to fix", (string)rule["help"]!["markdown"]!);
        Assert.Contains("security", rule["properties"]!["tags"]!.Select(t => (string)t!));
        Assert.Equal("5.0", (string)rule["properties"]!["security-severity"]!);
        var notSecurity = driver["rules"]!.Single(r => (string)r["id"]! == "invalid-yaml");
        Assert.Null(notSecurity["properties"]!["security-severity"]);
    }

    [Fact]
    public void Suppressed_findings_are_results_with_an_in_source_suppression_and_its_reason()
    {
        var log = JObject.Parse(CliRun.Of("lint", "tests/Cli/Lint/Fixtures/shop", "--format", "sarif").Out);
        var results = log["runs"]![0]!["results"]!;

        var suppressed = results.Where(r => r["suppressions"] is not null).ToList();
        Assert.Equal(4, suppressed.Count);
        var allowAll = suppressed.Single(r => (string)r["ruleId"]! == "allow-all-rule");
        Assert.Equal("inSource", (string)allowAll["suppressions"]![0]!["kind"]!);
        Assert.Equal("public front end", (string)allowAll["suppressions"]![0]!["justification"]!);
        Assert.Equal("note", (string)allowAll["level"]!);
    }

    [Fact]
    public void An_empty_input_still_has_a_results_array()
    {
        var run = CliRun.In(RepositoryRoot.Path, "", "lint", "-", "--format", "sarif");

        var log = JObject.Parse(run.Out);
        Assert.True(log.IsValid(Schema, out IList<string> errors), string.Join("\n", errors));
        Assert.NotNull(log["runs"]![0]!["results"] as JArray);
    }
}
