using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The connlist grammar of shared/conformance/netpol-analyzer: one <c>src => dst : conn</c>
/// line per connection, joined by <c>\n</c>, no trailing newline (the caller adds one when
/// writing a file). Connections must already be in report order (ConnectivityQuery sorts them).
/// </summary>
public static class ConnlistFormatter
{
    public static string Format(IEnumerable<PeerConnection> connections) =>
        string.Join("\n", connections.Select(c => $"{c.Source.Id} => {c.Destination.Id} : {c.Connections}"));

    public static string Format(ConnectivityReport report) => Format(report.Connections);
}
