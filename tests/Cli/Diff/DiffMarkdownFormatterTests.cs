using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Cli.Diff;

namespace PolicyLint.Cli.Tests.Diff;

public class DiffMarkdownFormatterTests
{
    private static WorkloadPeer Workload(string name) => new(new Workload(
        new ObjectMeta(new ObjectRef("Deployment", "shop", name), Labels.Empty, Labels.Empty, SourceSpan.None), "Deployment", [], 1));

    private static ConnectivityDiff WithAdded(int count) => new(
        [.. Enumerable.Range(0, count).Select(i => new ConnectionChange(Workload($"w{i:D2}"), Workload("db"), ConnectionSet.Empty, ConnectionSet.Of(Protocol.TCP, 5432)))],
        [], [], [], [], [],
        new BeyondManifestsCheck(BeyondManifestsVerdict.Equivalent),
        AnalysisProfile.Default);

    private static string Write(ConnectivityDiff diff)
    {
        var output = new StringWriter { NewLine = "\n" };
        new DiffMarkdownFormatter().Write(diff, output);
        return output.ToString();
    }

    [Fact]
    public void The_summary_line_comes_first()
    {
        Assert.StartsWith("**PolicyLint diff:** 3 connections added, 0 removed, 0 changed.\n", Write(WithAdded(3)));
    }

    [Fact]
    public void Short_tables_are_shown_and_long_ones_are_folded_into_details()
    {
        var shortList = Write(WithAdded(DiffMarkdownFormatter.LongList));
        Assert.DoesNotContain("<details>", shortList);
        var longList = Write(WithAdded(DiffMarkdownFormatter.LongList + 1));
        Assert.Contains("### Connections added (11)\n\n<details><summary>Show 11 rows</summary>\n\n| Source | Destination | Connections |", longList);
        Assert.Contains("| `shop/w10[Deployment]` | `shop/db[Deployment]` | `TCP 5432` |\n\n</details>\n", longList);
    }

    [Fact]
    public void Pipes_and_angle_brackets_in_free_text_cannot_break_the_table()
    {
        var finding = new Diagnostic("x", Severity.Warning, "a | b <script>", new SourceSpan("f.yaml", 1, 1));
        var diff = WithAdded(0) with { FindingsIntroduced = [finding] };
        Assert.Contains("| warning | `x` | a \\| b &lt;script&gt; | `f.yaml:1:1` |", Write(diff));
    }

    [Fact]
    public void A_hostile_message_posts_no_mention_image_link_or_new_row()
    {
        var message = "x\n| injected | row |\r@octocat ![i](http://e/i.png) [l](http://e/) `code` \u001b[31m";
        var finding = new Diagnostic("x", Severity.Warning, message, new SourceSpan("f.yaml\n| y", 1, 1));
        var diff = WithAdded(0) with { FindingsIntroduced = [finding] };
        var row = Assert.Single(Write(diff).Split('\n'), l => l.StartsWith("| warning |", StringComparison.Ordinal));
        Assert.Equal(
            "| warning | `x` | x\\\\n\\| injected \\| row \\|\\\\r@&#8203;octocat ![i\\](http://e/i.png) [l\\](http://e/) \\`code\\` \\\\x1b[31m | `f.yaml\\n\\| y:1:1` |",
            row);
    }
}
