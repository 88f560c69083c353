using System.Text;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>
/// Graphviz DOT: namespaces as clusters, outside ranges as red hexagons (merged per workload
/// where they allow the same connections), the ingress controller as a yellow arrow shape,
/// edges labelled with the allowed connections.
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
        var connections = OutsideRanges.MergeAll(report.Connectivity.Connections);
        var used = UsedPeers(report, connections);
        foreach (var ns in used.OfType<WorkloadPeer>().GroupBy(w => w.Workload.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            dot.Append($"  subgraph {Quote("cluster_" + ns.Key)} {{\n");
            dot.Append($"    label={Quote(ns.Key)}; style=\"rounded\"; color=\"#9aa0a6\";\n");
            foreach (var w in ns.OrderBy(w => w.Id, StringComparer.Ordinal))
            {
                dot.Append($"    {Quote(w.Id)} [label={DotText.QuotedLines([w.Workload.Name, w.Workload.Kind])}];\n");
            }
            dot.Append("  }\n");
        }
        foreach (var external in used.OfType<ExternalPeer>())
        {
            dot.Append($"  {Quote(external.Id)} [label={DotText.QuotedLines(external.Addresses.Ranges.Select(r => r.ToString()))}, shape=hexagon, fillcolor=\"#fde2e1\"];\n");
        }
        if (used.OfType<IngressControllerPeer>().Any())
        {
            dot.Append($"  {Quote(IngressControllerPeer.Name)} [label=\"ingress controller\", shape=cds, fillcolor=\"#fff4d6\"];\n");
        }
        foreach (var c in connections)
        {
            dot.Append($"  {Quote(c.Source.Id)} -> {Quote(c.Destination.Id)} [label={Quote(c.Connections.ToString())}];\n");
        }
        // Set last, so the namespace clusters do not inherit it: policies not modelled are never left out in silence.
        if (report.Summary.PoliciesNotModelled > 0) dot.Append($"  label={Quote(report.SummaryLine)}; labelloc=t;\n");
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
