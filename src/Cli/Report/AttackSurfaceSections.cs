using System.Text.Json;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The report's "attack surface" section in text, JSON and Markdown: per workload that outside
/// addresses reach directly, how it is entered and how many workloads it reaches within 1, 2, 3
/// hops, most reach first (docs/paths.md). Text is written inside the report's terminal writer;
/// Markdown escapes ids and phrases (docs/security.md).
/// </summary>
public static class AttackSurfaceSections
{
    private static string Ways(InternetEntry entry) => string.Join(", ", entry.Ways.Select(w => w.Kind).Distinct());

    public static void WriteText(ReachabilityReport report, TextWriter output)
    {
        if (report.AttackSurface.IsDefaultOrEmpty) return;
        output.WriteLine();
        output.WriteLine($"attack surface (workloads reachable from each internet entry within {Depths(report)} hops, most first)");
        foreach (var reach in report.AttackSurface)
        {
            output.WriteLine($"  {reach.Entry.Workload.Id}: {string.Join(" / ", reach.Within)}  (entered by {Ways(reach.Entry)})");
        }
    }

    public static void WriteJson(Utf8JsonWriter json, ReachabilityReport report)
    {
        json.WriteStartArray("attackSurface");
        foreach (var reach in report.AttackSurface)
        {
            json.WriteStartObject();
            json.WriteString("entry", reach.Entry.Workload.Id);
            json.WriteStartArray("ways");
            foreach (var way in reach.Entry.Ways) json.WriteStringValue(way.Text);
            json.WriteEndArray();
            json.WriteStartArray("within");
            foreach (var count in reach.Within) json.WriteNumberValue(count);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteMarkdown(ReachabilityReport report, TextWriter output)
    {
        if (report.AttackSurface.IsDefaultOrEmpty) return;
        output.WriteLine();
        output.WriteLine("### Attack surface");
        output.WriteLine();
        output.WriteLine("Workloads reachable from each internet entry, within 1, 2 and 3 hops.");
        output.WriteLine();
        output.WriteLine("| entry | entered by | 1 hop | 2 hops | 3 hops |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var reach in report.AttackSurface)
        {
            output.WriteLine($"| {MarkdownText.Code(reach.Entry.Workload.Id)} | {MarkdownText.Text(Ways(reach.Entry))} | {string.Join(" | ", reach.Within)} |");
        }
    }

    private static string Depths(ReachabilityReport report) =>
        string.Join(" / ", Enumerable.Range(1, report.AttackSurface[0].Within.Length));
}
