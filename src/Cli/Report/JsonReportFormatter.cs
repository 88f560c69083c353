using System.Text.Json;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Json;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The stable JSON contract of `report --format json` (documented in docs/report-json.md):
/// schemaVersion, profile, summary, peers (workloads with labels and isolation, external
/// ranges, the ingress controller), connections, services, exposure and notes. Fields are only
/// ever added.
/// </summary>
public sealed class JsonReportFormatter : IReportFormatter
{
    public const int SchemaVersion = 1;

    public string Name => "json";

    public bool ShowsServices => true;

    public void Write(ReachabilityReport report, TextWriter output) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        WriteProperties(json, report);
        json.WriteEndObject();
    });

    /// <summary>Every property of the report object, for formats that embed the contract (the HTML page).</summary>
    public static void WriteProperties(Utf8JsonWriter json, ReachabilityReport report)
    {
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("profile", report.ProfileName);
        var connections = OutsideRanges.Listed(report);
        WriteSummary(json, report.Summary with { AllowedPairs = connections.Count });
        var isolation = report.Isolation.ToDictionary(i => i.Workload.Id, StringComparer.Ordinal);
        json.WriteStartArray("peers");
        foreach (var peer in Peers(report, connections)) WritePeer(json, peer, isolation);
        json.WriteEndArray();
        json.WriteStartArray("connections");
        foreach (var connection in connections)
        {
            json.WriteStartObject();
            json.WriteString("src", connection.Source.Id);
            json.WriteString("dst", connection.Destination.Id);
            ConnectionSetJson.WriteProperties(json, connection.Connections);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        JsonReportSections.WriteServices(json, report);
        JsonReportSections.WriteExposure(json, report);
        AttackSurfaceSections.WriteJson(json, report);
        DependencyReportSections.WriteJson(json, report);
        json.WriteStartArray("notes");
        foreach (var note in report.Connectivity.Notes)
        {
            json.WriteStartObject();
            json.WriteString("code", note.Code);
            json.WriteString("message", note.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// Every peer, ordinal by id. Under the default profile the outside peers are those the listed
    /// connections name (each workload's outside peers with the same connections merged, see
    /// <see cref="OutsideRanges.Listed"/>); under netpol-analyzer the engine's, range by range.
    /// </summary>
    private static IEnumerable<Peer> Peers(ReachabilityReport report, IReadOnlyList<PeerConnection> connections)
    {
        if (report.Profile != AnalysisProfile.Default) return report.Connectivity.Peers;
        var outside = new Dictionary<string, Peer>(StringComparer.Ordinal);
        foreach (var c in connections)
        {
            if (c.Source is ExternalPeer) outside.TryAdd(c.Source.Id, c.Source);
            if (c.Destination is ExternalPeer) outside.TryAdd(c.Destination.Id, c.Destination);
        }
        return report.Connectivity.Peers.Where(p => p is not ExternalPeer).Concat(outside.Values)
            .OrderBy(p => p.Id, StringComparer.Ordinal);
    }

    private static void WriteSummary(Utf8JsonWriter json, ReportSummary s)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("workloads", s.Workloads);
        json.WriteNumber("namespaces", s.Namespaces);
        json.WriteNumber("networkPolicies", s.NetworkPolicies);
        json.WriteNumber("adminPolicies", s.AdminPolicies);
        json.WriteNumber("ingressIsolated", s.IngressIsolated);
        json.WriteNumber("egressIsolated", s.EgressIsolated);
        json.WriteNumber("allowedPairs", s.AllowedPairs);
        if (s.PoliciesNotModelled > 0) json.WriteNumber("policiesNotModelled", s.PoliciesNotModelled);
        if (s.CalicoPolicies > 0) json.WriteNumber("calicoPolicies", s.CalicoPolicies);
        if (s.CiliumPolicies > 0) json.WriteNumber("ciliumPolicies", s.CiliumPolicies);
        json.WriteEndObject();
    }

    private static void WritePeer(Utf8JsonWriter json, Peer peer, Dictionary<string, WorkloadIsolation> isolation)
    {
        json.WriteStartObject();
        json.WriteString("id", peer.Id);
        switch (peer)
        {
            case WorkloadPeer w:
                json.WriteString("type", "workload");
                json.WriteString("kind", w.Workload.Kind);
                json.WriteString("namespace", w.Workload.Namespace);
                json.WriteString("name", w.Workload.Name);
                json.WriteStartObject("labels");
                foreach (var (key, value) in w.Pods.IsDefaultOrEmpty ? Labels.Empty : w.Pods[0].Labels) json.WriteString(key, value);
                json.WriteEndObject();
                // only for a part of a workload whose pods policies tell apart (docs/split-workloads.md)
                if (w.IsPart) WriteRefs(json, "pods", w.Part.Select(p => p.Name));
                if (isolation.TryGetValue(w.Id, out var i))
                {
                    json.WriteStartObject("isolatedBy");
                    WriteRefs(json, "ingress", i.IngressPolicies.Select(p => p.QualifiedName));
                    WriteRefs(json, "egress", i.EgressPolicies.Select(p => p.QualifiedName));
                    json.WriteEndObject();
                }
                break;
            case ExternalPeer e:
                json.WriteString("type", "external");
                WriteRefs(json, "ranges", e.Addresses.Ranges.Select(r => r.ToString()));
                break;
            default:
                json.WriteString("type", "ingress-controller");
                break;
        }
        json.WriteEndObject();
    }

    private static void WriteRefs(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
