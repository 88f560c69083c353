using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>RFC 4180 CSV: a header, then one row per allowed connection (outside peers merged as in <see cref="OutsideRanges.Listed"/>).</summary>
public sealed class CsvReportFormatter : IReportFormatter
{
    public string Name => "csv";

    public void Write(ReachabilityReport report, TextWriter output)
    {
        output.Write("source,destination,connections\r\n");
        foreach (var c in OutsideRanges.Listed(report))
        {
            output.Write($"{Field(c.Source.Id)},{Field(c.Destination.Id)},{Field(c.Connections.ToString())}\r\n");
        }
    }

    public static string Field(string text) => CsvField.Of(text);
}
