using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Paths;

/// <summary>
/// For PR comments: a heading with the summary, then a table of hops per path. Ids are code spans
/// and the phrases quoting the input (entry ways, rules) escaped text (docs/security.md).
/// </summary>
public static class PathsMarkdownFormatter
{
    public static void Write(TextWriter output, PathsResult result)
    {
        output.WriteLine($"## Paths from {Code(result.From)} to {Code(result.To)}");
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
                foreach (var way in entry.Ways) output.WriteLine($"- entered at {Code(entry.Workload.Id)} through {MarkdownText.Text(way.Text)}");
                output.WriteLine();
            }
            if (path.Steps.IsEmpty) continue;
            output.WriteLine("| hop | from | to | connections | egress | ingress |");
            output.WriteLine("|---|---|---|---|---|---|");
            for (var s = 0; s < path.Steps.Length; s++)
            {
                var step = path.Steps[s];
                output.WriteLine($"| {s + 1} | {Code(step.From.Id)} | {Code(step.To.Id)} | {step.Connections} | " +
                    $"{Lines(HopText.Side("egress", step.Egress))} | {Lines(HopText.Side("ingress", step.Ingress))} |");
            }
        }
        if (result.Truncated)
        {
            output.WriteLine();
            output.WriteLine($"Showing the first {result.Paths.Length} of {result.Total} shortest paths (`--limit {result.Limit}`).");
        }
    }

    private static string Code(string text) => MarkdownText.Code(text);

    /// <summary>Phrases in one cell, each escaped, joined by the line break GFM allows in a cell.</summary>
    private static string Lines(IEnumerable<string> lines) => string.Join("<br>", lines.Select(MarkdownText.Text));
}
