using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report;

/// <summary>One output format of `policylint report`. Machine formats never write colour or progress.</summary>
public interface IReportFormatter
{
    /// <summary>The --format value.</summary>
    string Name { get; }

    /// <summary>Whether the format prints the Service view and the exposure section (they cost extra engine questions).</summary>
    bool ShowsServices => false;

    void Write(ReachabilityReport report, TextWriter output);
}
