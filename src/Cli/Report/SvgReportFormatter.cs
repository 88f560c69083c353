using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report;

/// <summary>The DOT graph rendered by Graphviz. The command checks <see cref="Graphviz.IsAvailable"/> first.</summary>
public sealed class SvgReportFormatter : IReportFormatter
{
    public string Name => "svg";

    public void Write(ReachabilityReport report, TextWriter output) =>
        output.Write(Graphviz.ToSvg(DotReportFormatter.Render(report)) ?? throw new InvalidOperationException(Graphviz.MissingMessage));
}
