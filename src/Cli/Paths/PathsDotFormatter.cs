using PolicyLint.Cli.Output.Escaping;
using PolicyLint.Analyzer.Queries.Paths;

namespace PolicyLint.Cli.Paths;

/// <summary>
/// Graphviz source of the listed paths: each workload once, each hop once with its connections,
/// the internet as a red hexagon with an edge to each entry workload, the targets in bold.
/// </summary>
public static class PathsDotFormatter
{
    public static void Write(TextWriter output, PathsResult result)
    {
        output.WriteLine("digraph paths {");
        output.WriteLine("  rankdir=LR;");
        output.WriteLine("  node [shape=box, fontname=\"Helvetica\"];");
        var targets = result.Targets.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var nodes = new SortedSet<string>(StringComparer.Ordinal);
        var edges = new SortedDictionary<(string, string), string>();
        foreach (var path in result.Paths)
        {
            if (path.Entry is { } entry)
            {
                nodes.Add(entry.Workload.Id);
                edges[(InternetEntry.Name, entry.Workload.Id)] = entry.Ways[0].Kind;
            }
            foreach (var step in path.Steps)
            {
                nodes.Add(step.From.Id);
                nodes.Add(step.To.Id);
                edges[(step.From.Id, step.To.Id)] = step.Connections.ToString();
            }
        }
        if (edges.Keys.Any(k => k.Item1 == InternetEntry.Name))
        {
            output.WriteLine($"  {Quote(InternetEntry.Name)} [shape=hexagon, color=red, fontcolor=red];");
        }
        foreach (var node in nodes)
        {
            output.WriteLine($"  {Quote(node)}{(targets.Contains(node) ? " [style=bold, penwidth=2]" : "")};");
        }
        foreach (var ((from, to), label) in edges)
        {
            output.WriteLine($"  {Quote(from)} -> {Quote(to)} [label={Quote(label)}];");
        }
        output.WriteLine("}");
    }

    private static string Quote(string text) => DotText.Quoted(text);
}
