using System.Collections.Immutable;
using System.Text.Json;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli.Report.Html;

/// <summary>
/// The shortest paths from <c>{internet}</c> to one sensitive workload (docs/paths.md), for the
/// page's "Attack paths" list; Sensitive says which selector or image made it sensitive.
/// </summary>
public sealed record SensitivePaths(WorkloadPeer Target, string Sensitive, PathsResult Result);

/// <summary>
/// For the HTML page: every sensitive workload (the lint configuration's <c>sensitive</c>
/// section) that some shortest path of at most <see cref="PathsQuery.DefaultMaxHops"/> hops joins to
/// the internet, with up to <see cref="Limit"/> of those paths, asked through the façade as
/// <c>policylint paths {internet} WORKLOAD</c> asks it. None for a focused report, whose
/// connections are only part of the graph.
/// </summary>
public static class HtmlAttackPaths
{
    public const int Limit = 10;

    public static ImmutableArray<SensitivePaths> Find(Analysis analysis, ReachabilityReport report, SensitiveWorkloads sensitive)
    {
        if (report.Focused) return [];
        var graph = analysis.Graph(HopFilter.Any, withEntries: true);
        if (graph.Entries.IsEmpty) return [];
        return
        [
            .. graph.Workloads
                .Where(w => sensitive.Matches(w.Workload))
                .OrderBy(w => w.Id, StringComparer.Ordinal)
                .Select(w => new SensitivePaths(w, sensitive.MatchedBy(w.Workload)!,
                    analysis.Paths(graph, null, w.Id, [w], PathsQuery.DefaultMaxHops, Limit)))
                .Where(p => p.Result.Found),
        ];
    }

    /// <summary>
    /// attackPaths: [{target, sensitive, hops, total, paths: [{entry, way, nodes, connections}]}]:
    /// nodes are the workload ids from the entry to the target, connections the hops between them.
    /// </summary>
    public static void Write(Utf8JsonWriter json, ImmutableArray<SensitivePaths> attackPaths)
    {
        json.WriteStartArray("attackPaths");
        foreach (var target in attackPaths)
        {
            json.WriteStartObject();
            json.WriteString("target", target.Target.Id);
            json.WriteString("sensitive", target.Sensitive);
            json.WriteNumber("hops", target.Result.Hops!.Value);
            json.WriteNumber("total", target.Result.Total);
            json.WriteStartArray("paths");
            foreach (var path in target.Result.Paths)
            {
                json.WriteStartObject();
                json.WriteString("entry", path.Entry!.Workload.Id);
                json.WriteString("way", path.Entry.Ways[0].Text);
                json.WriteStartArray("nodes");
                json.WriteStringValue(path.Entry.Workload.Id);
                foreach (var step in path.Steps) json.WriteStringValue(step.To.Id);
                json.WriteEndArray();
                json.WriteStartArray("connections");
                foreach (var step in path.Steps) json.WriteStringValue(step.Connections.ToString());
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
