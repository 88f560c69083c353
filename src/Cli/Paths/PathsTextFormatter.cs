using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Paths;

/// <summary>
/// For people: a summary line, then each path with how it is entered (from the internet) and
/// each hop with its connections and the allowing rule on each side. Every line goes through
/// <see cref="TerminalTextWriter"/>, and the phrases quoting the input are escaped values, so a
/// rule name cannot break a line (docs/security.md).
/// </summary>
public static class PathsTextFormatter
{
    public static void Write(TextWriter output, PathsResult result)
    {
        using var terminal = new TerminalTextWriter(output);
        output = terminal;
        if (!result.Found)
        {
            output.WriteLine($"no path from {result.From} to {result.To} within {HopText.Hops(result.MaxHops)} ({result.Filter})");
            return;
        }
        output.WriteLine($"{HopText.Paths(result.Total)} of {HopText.Hops(result.Hops!.Value)} from {result.From} to {result.To} ({result.Filter})");
        if (result.Targets.Length > 1 || result.Targets[0].Id != result.To)
        {
            output.WriteLine($"{result.To} stands for its backends: {string.Join(", ", result.Targets.Select(t => t.Id))}");
        }
        for (var i = 0; i < result.Paths.Length; i++)
        {
            var path = result.Paths[i];
            output.WriteLine();
            output.WriteLine($"path {i + 1}{(path.Entry is { } entry ? $": {TerminalText.Value(HopText.Entry(entry))}" : "")}");
            if (path.Entry is { } e)
            {
                foreach (var way in e.Ways.Skip(1)) output.WriteLine($"  also entered through {TerminalText.Value(way.Text)}");
            }
            foreach (var step in path.Steps)
            {
                output.WriteLine($"  {step.From.Id} -> {step.To.Id} : {step.Connections}");
                foreach (var line in HopText.Side("egress", step.Egress).Concat(HopText.Side("ingress", step.Ingress)))
                {
                    output.WriteLine($"    {TerminalText.Value(line)}");
                }
            }
        }
        if (result.Truncated)
        {
            output.WriteLine();
            output.WriteLine($"showing the first {result.Paths.Length} of {result.Total} shortest paths (--limit {result.Limit})");
        }
    }
}
