using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>A summary line and one table, ready for a pull-request comment.</summary>
public sealed class MarkdownReportFormatter : IReportFormatter
{
    public string Name => "md";

    public bool ShowsServices => true;

    public void Write(ReachabilityReport report, TextWriter output)
    {
        output.WriteLine("## PolicyLint reachability report");
        output.WriteLine();
        output.WriteLine($"{report.SummaryLine} (profile: `{report.ProfileName}`).");
        output.WriteLine();
        output.WriteLine("| Source | Destination | Allowed connections |");
        output.WriteLine("|---|---|---|");
        foreach (var c in OutsideRanges.Listed(report))
        {
            output.WriteLine($"| {Cell(c.Source.Id)} | {Cell(c.Destination.Id)} | {Cell(c.Connections.ToString())} |");
        }
        MarkdownReportSections.WriteServices(report, output);
        MarkdownReportSections.WriteExposure(report, output);
        AttackSurfaceSections.WriteMarkdown(report, output);
        DependencyReportSections.WriteMarkdown(report, output);
        if (!report.Connectivity.Notes.IsDefaultOrEmpty)
        {
            output.WriteLine();
            foreach (var note in report.Connectivity.Notes) output.WriteLine($"- {Cell(note.Message)}");
        }
    }

    /// <summary>A code span: ids are never read as markup (see <see cref="MarkdownText.Code"/>).</summary>
    public static string Cell(string text) => MarkdownText.Code(text);
}
