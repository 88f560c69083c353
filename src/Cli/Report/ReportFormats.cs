using PolicyLint.Cli.Report.Html;

namespace PolicyLint.Cli.Report;

/// <summary>Every `report --format`, the first one the default.</summary>
public static class ReportFormats
{
    public static IReadOnlyList<IReportFormatter> All { get; } =
    [
        new TextReportFormatter(),
        new ConnlistReportFormatter(),
        new JsonReportFormatter(),
        new MarkdownReportFormatter(),
        new CsvReportFormatter(),
        new DotReportFormatter(),
        new SvgReportFormatter(),
        new HtmlReportFormatter(),
    ];

    public static IReportFormatter Find(string name) => All.First(f => f.Name == name);
}
