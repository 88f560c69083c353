using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report.Html;

/// <summary>
/// One self-contained page (docs/report-html.md): the data embedded once as JSON
/// (<see cref="HtmlReportData"/>) and rendered by a hand-written script and stylesheet that are
/// inlined from this folder's embedded resources. A Content-Security-Policy forbids every
/// request, so the page works from file:// and never reaches the network.
/// </summary>
public sealed class HtmlReportFormatter : IReportFormatter
{
    public const string DataElementId = "policylint-data";

    public string Name => "html";

    public bool ShowsServices => true;

    /// <summary>The page of the report alone (no lint findings, no rules per connection).</summary>
    public void Write(ReachabilityReport report, TextWriter output) => Write(HtmlReport.Of(report), output);

    public static void Write(HtmlReport page, TextWriter output)
    {
        output.Write("<!DOCTYPE html>\n");
        output.Write("<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        output.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write("<title>PolicyLint reachability report</title>\n");
        output.Write($"<style>\n{HtmlPageAssets.Style}</style>\n</head><body>\n");
        output.Write("<noscript>This report is drawn by JavaScript; `policylint report --format text` prints it without.</noscript>\n");
        output.Write("<main id=\"app\"></main>\n");
        output.Write($"<script type=\"application/json\" id=\"{DataElementId}\">");
        HtmlReportData.Write(page, output);
        output.Write("</script>\n");
        output.Write($"<script>\n{HtmlPageAssets.Script}</script>\n");
        output.Write("</body></html>\n");
    }
}
