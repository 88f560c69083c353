using PolicyLint.Analyzer.Queries;

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
        foreach (var c in report.Connectivity.Connections)
        {
            output.WriteLine($"| {Cell(c.Source.Id)} | {Cell(c.Destination.Id)} | {Cell(c.Connections.ToString())} |");
        }
        MarkdownReportSections.WriteServices(report, output);
        MarkdownReportSections.WriteExposure(report, output);
        DependencyReportSections.WriteMarkdown(report, output);
        if (!report.Connectivity.Notes.IsDefaultOrEmpty)
        {
            output.WriteLine();
            foreach (var note in report.Connectivity.Notes) output.WriteLine($"- {Cell(note.Message)}");
        }
    }

    /// <summary>Pipes would end the cell; backticks keep ids from being read as markup.</summary>
    public static string Cell(string text) => "`" + text.Replace("|", "\\|").Replace("`", "'") + "`";
}
