using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The connlist grammar, byte for byte as the conformance goldens have it; under the default
/// profile each workload's outside peers with the same connections are one line (<see cref="OutsideRanges.Listed"/>).
/// </summary>
public sealed class ConnlistReportFormatter : IReportFormatter
{
    public string Name => "connlist";

    public void Write(ReachabilityReport report, TextWriter output)
    {
        using var terminal = new TerminalTextWriter(output);
        output = terminal;
        if (ConnlistFormatter.Write(OutsideRanges.Listed(report), output)) output.Write('\n');
    }
}
