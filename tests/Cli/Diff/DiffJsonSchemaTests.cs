using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;

namespace PolicyLint.Cli.Tests.Diff;

/// <summary>The JSON schema published in docs/diff.md is the contract: every JSON output must satisfy it.</summary>
public class DiffJsonSchemaTests
{
    private static readonly JSchema Schema = JSchema.Parse(SchemaFromDocs());

    private static string SchemaFromDocs()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "diff.md"));
        var match = Regex.Match(docs, "The schema \\(JSON Schema draft-07[^\\n]*\\n\\n```json\\n(?<schema>.*?)\\n```", RegexOptions.Singleline);
        Assert.True(match.Success, "docs/diff.md has no schema block");
        return match.Groups["schema"].Value;
    }

    [Theory]
    [InlineData("ports-only")]
    [InlineData("adds-workload")]
    [InlineData("opens-outside")]
    [InlineData("reorder")]
    [InlineData("beyond-manifests")]
    [InlineData("opens-nodeport")]
    [InlineData("breaks-dependency")]
    public void Every_output_satisfies_the_documented_schema(string pair)
    {
        var run = CliRun.Of("diff", $"testdata/diff/{pair}/base", $"testdata/diff/{pair}/head", "--format", "json");
        var json = JObject.Parse(run.Out);
        Assert.True(json.IsValid(Schema, out IList<string> errors), string.Join("\n", errors));
    }

    [Fact]
    public void The_schema_rejects_what_the_contract_does_not_allow()
    {
        var run = CliRun.Of("diff", "testdata/diff/ports-only/base", "testdata/diff/ports-only/head", "--format", "json");
        var json = JObject.Parse(run.Out);
        json["connections"]![0]!["change"] = "moved";
        Assert.False(json.IsValid(Schema));
    }
}
