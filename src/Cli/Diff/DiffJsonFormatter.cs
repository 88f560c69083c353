using System.Text.Json;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Analyzer.Smt;
using PolicyLint.Cli.Json;

namespace PolicyLint.Cli.Diff;

/// <summary>
/// The stable JSON contract of `diff --format json`, documented in docs/diff.md: schemaVersion,
/// profile, connectivityChanged, summary, connections, workloads, findings and beyondManifests.
/// Fields are only ever added; a removal or change of meaning raises schemaVersion.
/// </summary>
public sealed class DiffJsonFormatter : IDiffFormatter
{
    public const int SchemaVersion = 1;

    public string Name => "json";

    public void Write(ConnectivityDiff diff, TextWriter output) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("profile", diff.ProfileName);
        json.WriteBoolean("connectivityChanged", diff.ConnectivityChanged);
        json.WriteString("summaryLine", diff.SummaryLine);
        WriteSummary(json, diff);
        json.WriteStartArray("connections");
        foreach (var change in diff.Connections) WriteChange(json, change);
        json.WriteEndArray();
        json.WriteStartObject("workloads");
        WriteWorkloads(json, "added", diff.WorkloadsAdded);
        WriteWorkloads(json, "removed", diff.WorkloadsRemoved);
        json.WriteEndObject();
        json.WriteStartArray("exposure");
        foreach (var change in diff.Exposure) WriteExposure(json, change);
        json.WriteEndArray();
        json.WriteStartObject("findings");
        WriteFindings(json, "introduced", diff.FindingsIntroduced);
        WriteFindings(json, "fixed", diff.FindingsFixed);
        json.WriteEndObject();
        WriteBeyondManifests(json, diff.BeyondManifests);
        DependencyDiffSections.WriteJson(json, diff);
        json.WriteEndObject();
    });

    private static void WriteSummary(Utf8JsonWriter json, ConnectivityDiff diff)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("connectionsAdded", diff.ConnectionsAdded);
        json.WriteNumber("connectionsRemoved", diff.ConnectionsRemoved);
        json.WriteNumber("connectionsChanged", diff.ConnectionsChanged);
        json.WriteNumber("workloadsAdded", diff.WorkloadsAdded.Length);
        json.WriteNumber("workloadsRemoved", diff.WorkloadsRemoved.Length);
        json.WriteNumber("entryPointsOpened", diff.EntryPointsOpened);
        json.WriteNumber("entryPointsClosed", diff.EntryPointsClosed);
        json.WriteNumber("entryPointsChanged", diff.EntryPointsChanged);
        json.WriteNumber("findingsIntroduced", diff.FindingsIntroduced.Length);
        json.WriteNumber("findingsFixed", diff.FindingsFixed.Length);
        json.WriteEndObject();
    }

    private static void WriteChange(Utf8JsonWriter json, ConnectionChange change)
    {
        json.WriteStartObject();
        json.WriteString("change", DiffText.Verb(change.Kind));
        json.WriteString("src", change.Source.Id);
        json.WriteString("dst", change.Destination.Id);
        WriteSet(json, "before", change.Before);
        WriteSet(json, "after", change.After);
        WriteSet(json, "added", change.Added);
        WriteSet(json, "removed", change.Removed);
        json.WriteEndObject();
    }

    private static void WriteExposure(Utf8JsonWriter json, EntryPointChange change)
    {
        var entry = change.Entry;
        json.WriteStartObject();
        json.WriteString("change", DiffText.Verb(change.Kind));
        json.WriteString("kind", entry.Kind.ToString());
        ObjectRefJson.Write(json, "object", entry.Object);
        json.WriteString("via", entry.Via);
        json.WriteString("protocol", entry.Protocol.ToString());
        if (entry.Port is { } port) json.WriteNumber("port", port);
        else json.WriteNull("port");
        WriteEntrySide(json, "before", change.Before);
        WriteEntrySide(json, "after", change.After);
        json.WriteEndObject();
    }

    /// <summary>One side of an entry point: null when it does not exist there.</summary>
    private static void WriteEntrySide(Utf8JsonWriter json, string name, EntryPoint? entry)
    {
        if (entry is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("openness", OpennessId(entry.Openness));
        json.WriteString("openTo", EntryPointText.Sources(entry));
        json.WriteStartArray("admitted");
        foreach (var range in entry.Admitted.Ranges) json.WriteStringValue(range.ToString());
        json.WriteEndArray();
        json.WriteStartArray("acceptingBackends");
        foreach (var backend in entry.Backends.Where(b => b.Accepts)) json.WriteStringValue(backend.Target.Id);
        json.WriteEndArray();
        WriteSpan(json, entry.Span);
        json.WriteEndObject();
    }

    private static string OpennessId(Openness openness) => openness switch
    {
        Openness.Closed => "closed",
        Openness.SomeAddresses => "some-addresses",
        Openness.Internet => "internet",
        _ => "unfiltered",
    };

    private static void WriteSet(Utf8JsonWriter json, string name, ConnectionSet set)
    {
        json.WriteStartObject(name);
        ConnectionSetJson.WriteProperties(json, set);
        json.WriteString("text", set.ToString());
        json.WriteEndObject();
    }

    private static void WriteWorkloads(Utf8JsonWriter json, string name, IEnumerable<Workload> workloads)
    {
        json.WriteStartArray(name);
        foreach (var workload in workloads)
        {
            json.WriteStartObject();
            json.WriteString("id", workload.Id);
            json.WriteString("kind", workload.Kind);
            json.WriteString("namespace", workload.Namespace);
            json.WriteString("name", workload.Name);
            WriteSpan(json, workload.Meta.Span);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteFindings(Utf8JsonWriter json, string name, IEnumerable<Diagnostic> findings)
    {
        json.WriteStartArray(name);
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            json.WriteString("severity", finding.Severity.ToId());
            json.WriteString("message", finding.Message);
            ObjectRefJson.Write(json, "object", finding.Object);
            WriteSpan(json, finding.Span);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteSpan(Utf8JsonWriter json, SourceSpan span)
    {
        json.WriteString("file", span.File.Replace('\\', '/'));
        json.WriteNumber("line", span.Line);
        json.WriteNumber("column", span.Column);
    }

    private static void WriteBeyondManifests(Utf8JsonWriter json, BeyondManifestsCheck check)
    {
        json.WriteStartObject("beyondManifests");
        json.WriteString("verdict", VerdictId(check.Verdict));
        if (check.Reason is { } reason) json.WriteString("reason", reason);
        else json.WriteNull("reason");
        if (check.Witness is { } witness)
        {
            json.WriteStartObject("witness");
            json.WriteString("text", witness.ToString());
            WriteEndpoint(json, "source", witness.Source);
            WriteEndpoint(json, "destination", witness.Destination);
            json.WriteString("protocol", witness.Protocol.ToString());
            json.WriteNumber("port", witness.Port);
            json.WriteBoolean("allowedBefore", check.AllowedBefore);
            json.WriteBoolean("allowedAfter", check.AllowedAfter);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("witness");
        }
        json.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter json, string name, WitnessEndpoint endpoint)
    {
        json.WriteStartObject(name);
        json.WriteString("type", endpoint.IsPod ? "pod" : "address");
        json.WriteString("text", endpoint.ToString());
        if (endpoint.InputWorkload is { } input) json.WriteString("inputWorkload", input);
        else json.WriteNull("inputWorkload");
        if (endpoint.IsPod)
        {
            json.WriteString("namespace", endpoint.Namespace);
            json.WriteBoolean("namespaceInInput", endpoint.NamespaceInInput);
            WriteLabels(json, "namespaceLabels", endpoint.NamespaceLabels);
            WriteLabels(json, "podLabels", endpoint.PodLabels);
        }
        json.WriteStartArray("addresses");
        foreach (var address in endpoint.Addresses.IsDefault ? [] : endpoint.Addresses) json.WriteStringValue(address);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLabels(Utf8JsonWriter json, string name, Labels labels)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in labels) json.WriteString(key, value);
        json.WriteEndObject();
    }

    public static string VerdictId(BeyondManifestsVerdict verdict) => verdict switch
    {
        BeyondManifestsVerdict.Equivalent => "equivalent",
        BeyondManifestsVerdict.AffectsPodsBeyondManifests => "affects-pods-beyond-manifests",
        BeyondManifestsVerdict.DiffersWithinManifests => "differs-within-manifests",
        BeyondManifestsVerdict.Unavailable => "unavailable",
        _ => "skipped",
    };
}
