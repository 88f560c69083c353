using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>
/// One self-contained HTML page (no external assets): the summary, the graph as inline SVG
/// when Graphviz is installed, a filterable table of connections and each workload's isolation.
/// </summary>
public sealed class HtmlReportFormatter : IReportFormatter
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,sans-serif;margin:2rem;color:#202124}
        h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{border-bottom:1px solid #dadce0;padding:.3rem .6rem;text-align:left;vertical-align:top}
        th{background:#f1f3f4}code{font-family:ui-monospace,Menlo,Consolas,monospace}
        .summary{color:#3c4043}.graph{overflow:auto;border:1px solid #dadce0;padding:.5rem}
        input{padding:.3rem;width:24rem;margin:.5rem 0}
        """;

    private const string FilterScript = """
        function filterRows(text){text=text.toLowerCase();for(const row of document.querySelectorAll('#connections tbody tr')){row.style.display=row.textContent.toLowerCase().includes(text)?'':'none';}}
        """;

    public string Name => "html";

    public bool ShowsServices => true;

    public void Write(ReachabilityReport report, TextWriter output)
    {
        output.WriteLine("<!DOCTYPE html>");
        output.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PolicyLint reachability report</title>");
        output.WriteLine($"<style>{Style}</style><script>{FilterScript}</script></head><body>");
        output.WriteLine("<h1>PolicyLint reachability report</h1>");
        output.WriteLine($"<p class=\"summary\">{E(report.SummaryLine)} (profile: <code>{E(report.ProfileName)}</code>)</p>");
        WriteGraph(report, output);
        WriteConnections(report, output);
        WriteIsolation(report, output);
        WriteExposure(report, output);
        if (!report.Connectivity.Notes.IsDefaultOrEmpty)
        {
            output.WriteLine("<h2>Notes</h2><ul>");
            foreach (var note in report.Connectivity.Notes) output.WriteLine($"<li>{E(note.Message)}</li>");
            output.WriteLine("</ul>");
        }
        output.WriteLine("</body></html>");
    }

    private static void WriteGraph(ReachabilityReport report, TextWriter output)
    {
        output.WriteLine("<h2>Graph</h2>");
        var svg = Graphviz.ToSvg(DotReportFormatter.Render(report));
        if (svg is null)
        {
            output.WriteLine($"<p>{E(Graphviz.MissingMessage)}</p>");
            return;
        }
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        output.WriteLine($"<div class=\"graph\">{(start >= 0 ? svg[start..] : svg)}</div>");
    }

    private static void WriteConnections(ReachabilityReport report, TextWriter output)
    {
        output.WriteLine("<h2>Allowed connections</h2>");
        output.WriteLine("<input type=\"search\" placeholder=\"Filter by workload, namespace or port\" oninput=\"filterRows(this.value)\">");
        output.WriteLine("<table id=\"connections\"><thead><tr><th>Source</th><th>Destination</th><th>Connections</th></tr></thead><tbody>");
        foreach (var c in report.Connectivity.Connections)
        {
            output.WriteLine($"<tr class=\"connection\"><td><code>{E(c.Source.Id)}</code></td><td><code>{E(c.Destination.Id)}</code></td><td>{E(c.Connections.ToString())}</td></tr>");
        }
        output.WriteLine("</tbody></table>");
    }

    private static void WriteIsolation(ReachabilityReport report, TextWriter output)
    {
        output.WriteLine("<h2>Isolation</h2>");
        output.WriteLine("<table><thead><tr><th>Workload</th><th>Ingress isolated by</th><th>Egress isolated by</th></tr></thead><tbody>");
        foreach (var i in report.Isolation)
        {
            output.WriteLine($"<tr><td><code>{E(i.Workload.Id)}</code></td><td>{Policies(i.IngressPolicies)}</td><td>{Policies(i.EgressPolicies)}</td></tr>");
        }
        output.WriteLine("</tbody></table>");
    }

    private static string Policies(IEnumerable<ObjectRef> policies)
    {
        var names = policies.Select(p => $"<code>{E(p.QualifiedName)}</code>").ToList();
        return names.Count == 0 ? "not isolated" : string.Join("<br>", names);
    }

    /// <summary>The exposed entry points, most open first, as in the text report.</summary>
    private static void WriteExposure(ReachabilityReport report, TextWriter output)
    {
        if (report.EntryPoints.IsDefaultOrEmpty) return;
        output.WriteLine("<h2>Exposed to the outside</h2>");
        output.WriteLine("<table><thead><tr><th>Entry point</th><th>Open to</th><th>Reaches</th><th>Defined at</th></tr></thead><tbody>");
        foreach (var entry in report.Exposed)
        {
            output.WriteLine($"<tr class=\"entry-point\"><td><code>{E(TextReportSections.Title(entry))}</code></td><td>{E(EntryPointText.Sources(entry))}</td>" +
                             $"<td><code>{E(EntryPointText.AcceptingBackends(entry))}</code></td><td><code>{E(entry.Span.ToString())}</code></td></tr>");
        }
        output.WriteLine("</tbody></table>");
    }

    private static string E(string text) => HtmlText.Of(text);
}
