using PolicyLint.Analyzer.Queries.Paths;

namespace PolicyLint.Cli.Paths;

/// <summary>For PR comments: a heading with the summary, then a table of hops per path.</summary>
public static class PathsMarkdownFormatter
{
    public static void Write(TextWriter output, PathsResult result)
    {
        output.WriteLine($"## Paths from `{result.From}` to `{result.To}`");
        output.WriteLine();
        if (!result.Found)
        {
            output.WriteLine($"No path within {HopText.Hops(result.MaxHops)} ({result.Filter}).");
            return;
        }
        output.WriteLine($"{HopText.Paths(result.Total)} of {HopText.Hops(result.Hops!.Value)} ({result.Filter}).");
        for (var i = 0; i < result.Paths.Length; i++)
        {
            var path = result.Paths[i];
            output.WriteLine();
            output.WriteLine($"### Path {i + 1}");
            output.WriteLine();
            if (path.Entry is { } entry)
            {
                foreach (var way in entry.Ways) output.WriteLine($"- entered at `{entry.Workload.Id}` through {Cell(way.Text)}");
                output.WriteLine();
            }
            if (path.Steps.IsEmpty) continue;
            output.WriteLine("| hop | from | to | connections | egress | ingress |");
            output.WriteLine("|---|---|---|---|---|---|");
            for (var s = 0; s < path.Steps.Length; s++)
            {
                var step = path.Steps[s];
                output.WriteLine($"| {s + 1} | `{step.From.Id}` | `{step.To.Id}` | {step.Connections} | " +
                    $"{Cell(string.Join("<br>", HopText.Side("egress", step.Egress)))} | {Cell(string.Join("<br>", HopText.Side("ingress", step.Ingress)))} |");
            }
        }
        if (result.Truncated)
        {
            output.WriteLine();
            output.WriteLine($"Showing the first {result.Paths.Length} of {result.Total} shortest paths (`--limit {result.Limit}`).");
        }
    }

    public static string Cell(string text) => text.Replace("|", "\\|");
}
