using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>The Markdown report's Services table and "Exposed to the outside" table.</summary>
public static class MarkdownReportSections
{
    public static void WriteServices(ReachabilityReport report, TextWriter output)
    {
        if (report.Services.IsDefaultOrEmpty) return;
        output.WriteLine();
        output.WriteLine("### Services");
        output.WriteLine();
        output.WriteLine("| Service port | Backends | Source | Backends that accept |");
        output.WriteLine("|---|---|---|---|");
        foreach (var view in report.Services)
        {
            var port = $"{view.Service.Id} {TextReportSections.PortName(view.Port)}";
            var backends = string.Join(", ", view.Backends.Select(b => b.Resolved ? $"{b.Id} on {EntryPointText.Ports(b)}" : $"{b.Id} (unresolved)"));
            var lines = ServiceClients.Lines(view);
            if (lines.Count == 0) output.WriteLine($"| {Cell(port)} | {Cell(backends)} | (nothing) | none |");
            foreach (var line in lines)
            {
                var coverage = line.Coverage == BackendCoverage.All ? "all" : $"some: {line.Backends}";
                output.WriteLine($"| {Cell(port)} | {Cell(backends)} | {Cell(line.Source)} | {Cell(coverage)} |");
            }
        }
    }

    public static void WriteExposure(ReachabilityReport report, TextWriter output)
    {
        if (report.EntryPoints.IsDefaultOrEmpty) return;
        output.WriteLine();
        output.WriteLine("### Exposed to the outside");
        output.WriteLine();
        var exposed = report.Exposed.ToList();
        if (exposed.Count == 0)
        {
            output.WriteLine("Nothing is exposed.");
        }
        else
        {
            output.WriteLine("Most open first.");
            output.WriteLine();
            output.WriteLine("| Entry point | Open to | Reaches | Defined at |");
            output.WriteLine("|---|---|---|---|");
            foreach (var entry in exposed)
            {
                output.WriteLine($"| {Cell(TextReportSections.Title(entry))} | {MarkdownText.Text(EntryPointText.Sources(entry))} | {Cell(EntryPointText.AcceptingBackends(entry))} | {Cell(entry.Span.ToString())} |");
            }
        }
        var closed = report.EntryPoints.Where(e => !e.IsExposed).ToList();
        if (closed.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Not exposed:");
        output.WriteLine();
        foreach (var entry in closed) output.WriteLine($"- {Cell(TextReportSections.Title(entry))}");
    }

    private static string Cell(string text) => MarkdownText.Code(text);
}
