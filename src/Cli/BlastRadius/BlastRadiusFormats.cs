using PolicyLint.Cli.Output.Escaping;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Cli.Json;

namespace PolicyLint.Cli.BlastRadius;

/// <summary>
/// The formats of `blast-radius`: text (by hop count, then namespace), json
/// (<c>{"source", "hops", "reachable": [{"peer", "hops"}]}</c>), md (a table) and dot (the hops
/// that lie on shortest paths, the source in red). Each escapes names for its sink
/// (docs/security.md).
/// </summary>
public static class BlastRadiusFormats
{
    public static readonly string[] Names = ["text", "json", "md", "dot"];

    public static void Write(string format, TextWriter output, Analyzer.Queries.Paths.BlastRadius radius)
    {
        switch (format)
        {
            case "json": WriteJson(output, radius); break;
            case "md": WriteMarkdown(output, radius); break;
            case "dot": WriteDot(output, radius); break;
            default: WriteText(output, radius); break;
        }
    }

    public static string Summary(Analyzer.Queries.Paths.BlastRadius radius) =>
        $"{radius.Reachable.Length} {(radius.Reachable.Length == 1 ? "workload" : "workloads")} reachable from {radius.Source.Id} within {HopText.Hops(radius.Hops)} ({radius.Filter})";

    private static void WriteText(TextWriter output, Analyzer.Queries.Paths.BlastRadius radius)
    {
        using var terminal = new TerminalTextWriter(output);
        output = terminal;
        output.WriteLine($"blast radius: {Summary(radius)}");
        foreach (var layer in radius.Reachable.GroupBy(r => r.Hops))
        {
            output.WriteLine();
            output.WriteLine($"{HopText.Hops(layer.Key)} ({layer.Count()})");
            foreach (var ns in layer.GroupBy(r => r.Peer.Workload.Namespace))
            {
                output.WriteLine($"  namespace {ns.Key}");
                foreach (var reached in ns) output.WriteLine($"    {reached.Peer.Id}");
            }
        }
    }

    private static void WriteJson(TextWriter output, Analyzer.Queries.Paths.BlastRadius radius) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("source", radius.Source.Id);
        json.WriteNumber("hops", radius.Hops);
        HopFilterJson.Write(json, radius.Filter);
        json.WriteStartArray("reachable");
        foreach (var reached in radius.Reachable)
        {
            json.WriteStartObject();
            json.WriteString("peer", reached.Peer.Id);
            json.WriteNumber("hops", reached.Hops);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteMarkdown(TextWriter output, Analyzer.Queries.Paths.BlastRadius radius)
    {
        output.WriteLine($"## Blast radius of {MarkdownText.Code(radius.Source.Id)}");
        output.WriteLine();
        output.WriteLine($"{MarkdownText.Text(Summary(radius))}.");
        if (radius.Reachable.IsEmpty) return;
        output.WriteLine();
        output.WriteLine("| hops | namespace | workload |");
        output.WriteLine("|---|---|---|");
        foreach (var reached in radius.Reachable) output.WriteLine($"| {reached.Hops} | {MarkdownText.Text(reached.Peer.Workload.Namespace)} | {MarkdownText.Code(reached.Peer.Id)} |");
    }

    private static void WriteDot(TextWriter output, Analyzer.Queries.Paths.BlastRadius radius)
    {
        output.WriteLine("digraph blast_radius {");
        output.WriteLine("  rankdir=LR;");
        output.WriteLine("  node [shape=box, fontname=\"Helvetica\"];");
        output.WriteLine($"  {DotText.Quoted(radius.Source.Id)} [color=red, fontcolor=red, penwidth=2];");
        foreach (var reached in radius.Reachable) output.WriteLine($"  {DotText.Quoted(reached.Peer.Id)} [label={DotText.Quoted($"{reached.Peer.Id} ({HopText.Hops(reached.Hops)})")}];");
        foreach (var (from, to) in radius.Edges) output.WriteLine($"  {DotText.Quoted(from.Id)} -> {DotText.Quoted(to.Id)};");
        output.WriteLine("}");
    }
}
