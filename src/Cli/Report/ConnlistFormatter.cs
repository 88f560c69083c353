using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The connlist grammar of shared/conformance/netpol-analyzer: one <c>src => dst : conn</c>
/// line per connection, joined by <c>\n</c>, no trailing newline (the caller adds one when
/// writing a file). Connections must already be in report order (ConnectivityQuery sorts them).
/// </summary>
public static class ConnlistFormatter
{
    public static string Format(IEnumerable<PeerConnection> connections)
    {
        using var text = new StringWriter();
        Write(connections, text);
        return text.ToString();
    }

    public static string Format(ConnectivityReport report) => Format(report.Connections);

    /// <summary>
    /// Writes the lines one by one, so a listing of millions of pairs (a cluster without
    /// policies) never sits in memory as one string; true when there was at least one line.
    /// </summary>
    public static bool Write(IEnumerable<PeerConnection> connections, TextWriter output)
    {
        var first = true;
        foreach (var c in connections)
        {
            if (!first) output.Write('\n');
            first = false;
            output.Write(c.Source.Id);
            output.Write(" => ");
            output.Write(c.Destination.Id);
            output.Write(" : ");
            output.Write(c.Connections.ToString());
        }
        return !first;
    }
}
