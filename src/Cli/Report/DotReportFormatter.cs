using System.Text;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>
/// Graphviz DOT: namespaces as clusters, outside ranges as red hexagons (merged per workload
/// where they allow the same connections), the ingress controller as a yellow arrow shape,
/// edges labelled with the allowed connections. Large namespaces and large graphs are drawn
/// collapsed (<see cref="DotGrouping"/>), and the drawing says so in its title.
/// </summary>
public sealed class DotReportFormatter : IReportFormatter
{
    public string Name => "dot";

    public void Write(ReachabilityReport report, TextWriter output) => output.Write(Render(report));

    public static string Render(ReachabilityReport report)
    {
        var dot = new StringBuilder();
        dot.Append("digraph policylint {\n");
        dot.Append("  rankdir=LR;\n");
        // newrank avoids Graphviz 2.43's "trouble in init_rank" failure on clustered graphs.
        dot.Append("  newrank=true;\n");
        dot.Append("  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0fe\"];\n");
        dot.Append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#5f6368\"];\n");
        List<PeerConnection> connections = [.. report.Connectivity.Merged];
        var used = UsedPeers(report, connections);
        var workloads = used.OfType<WorkloadPeer>().ToList();
        var grouping = DotGrouping.For(workloads);
        var note = grouping.CollapsesAnything ? grouping.Note(workloads.Count) : null;
        if (note is not null) dot.Append($"  // {note}\n");
        foreach (var ns in workloads.GroupBy(w => w.Workload.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            dot.Append($"  subgraph {Quote("cluster_" + ns.Key)} {{\n");
            dot.Append($"    label={Quote(ns.Key)}; style=\"rounded\"; color=\"#9aa0a6\";\n");
            if (grouping.CollapsedNamespaces.Contains(ns.Key))
            {
                dot.Append($"    {Quote(DotGrouping.NamespaceNodeId(ns.Key))} [label={DotText.QuotedLines([ns.Key, $"{ns.Count()} workloads"])}, shape=folder];\n");
            }
            else
            {
                foreach (var w in ns.OrderBy(w => w.Id, StringComparer.Ordinal))
                {
                    dot.Append($"    {Quote(w.Id)} [label={DotText.QuotedLines(w.IsPart ? [w.Id[(w.Workload.Namespace.Length + 1)..], $"of {w.Workload.Name}[{w.Workload.Kind}]"] : [w.Workload.Name, w.Workload.Kind])}];\n");
                }
            }
            dot.Append("  }\n");
        }
        var externals = used.OfType<ExternalPeer>().ToList();
        if (grouping.CollapsesAnything && externals.Count > 0)
        {
            dot.Append($"  {Quote(DotGrouping.InternetId)} [label=\"internet\", shape=hexagon, fillcolor=\"#fde2e1\"];\n");
        }
        else
        {
            foreach (var external in externals)
            {
                dot.Append($"  {Quote(external.Id)} [label={DotText.QuotedLines(external.Addresses.Ranges.Select(r => r.ToString()))}, shape=hexagon, fillcolor=\"#fde2e1\"];\n");
            }
        }
        if (used.OfType<IngressControllerPeer>().Any())
        {
            dot.Append($"  {Quote(IngressControllerPeer.Name)} [label=\"ingress controller\", shape=cds, fillcolor=\"#fff4d6\"];\n");
        }
        foreach (var e in grouping.Edges(connections))
        {
            dot.Append($"  {Quote(e.From)} -> {Quote(e.To)} [label={Quote(e.Label)}];\n");
        }
        // Set last, so the namespace clusters do not inherit it: policies not modelled are never left out in silence.
        // The drawing's title: the summary when some policies are not modelled, and what was collapsed.
        var titles = new List<string>();
        if (report.Summary.PoliciesNotModelled > 0) titles.Add(report.SummaryLine);
        if (note is not null) titles.Add(note);
        if (titles.Count > 0) dot.Append($"  label={DotText.QuotedLines(titles)}; labelloc=t;\n");
        dot.Append("}\n");
        return dot.ToString();
    }

    /// <summary>Peers that appear in some connection, plus every workload (an isolated one is worth seeing).</summary>
    private static List<Peer> UsedPeers(ReachabilityReport report, List<PeerConnection> connections)
    {
        var inConnections = connections.SelectMany(c => new[] { c.Source, c.Destination })
            .DistinctBy(p => p.Id).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var workloads = report.Connectivity.Peers.OfType<WorkloadPeer>().Where(w => !report.Focused && !inConnections.ContainsKey(w.Id));
        return [.. inConnections.Values.Concat(workloads).OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    private static string Quote(string text) => DotText.Quoted(text);
}
