using System.Text.Json;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The "services" and "exposure" arrays of `report --format json` (docs/report-json.md).
/// Address sets are lists of CIDR blocks; entry points are most open first.
/// </summary>
public static class JsonReportSections
{
    public static void WriteServices(Utf8JsonWriter json, ReachabilityReport report)
    {
        json.WriteStartArray("services");
        foreach (var view in report.Services)
        {
            json.WriteStartObject();
            json.WriteString("service", view.Service.Id);
            json.WriteString("namespace", view.Service.Namespace);
            json.WriteString("name", view.Service.Name);
            json.WriteString("type", view.Service.Type.ToString());
            json.WriteNumber("port", view.Port.Port);
            json.WriteString("protocol", view.Port.Protocol.ToString());
            if (view.Port.Name is { } name) json.WriteString("portName", name);
            else json.WriteNull("portName");
            json.WriteString("targetPort", view.Port.TargetPort.ToString());
            json.WriteStartArray("backends");
            foreach (var backend in view.Backends) WriteTarget(json, backend);
            json.WriteEndArray();
            json.WriteStartArray("clients");
            foreach (var client in Clients(report, view))
            {
                json.WriteStartObject();
                json.WriteString("src", client.Source.Id);
                json.WriteString("coverage", client.Coverage.ToString().ToLowerInvariant());
                WriteStrings(json, "acceptingBackends", client.Backends.Where(b => b.Accepts).Select(b => b.BackendId));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// Ordinal by source id; under the default profile the outside ranges that the same backends
    /// accept are one client, as the connections merge them (<see cref="ServiceClients.Merged"/>).
    /// </summary>
    private static IEnumerable<ServiceAccess> Clients(ReachabilityReport report, ServicePortView view) =>
        report.Profile == AnalysisProfile.Default
            ? ServiceClients.Merged(view).OrderBy(c => c.Source.Id, StringComparer.Ordinal)
            : view.Clients;

    public static void WriteExposure(Utf8JsonWriter json, ReachabilityReport report)
    {
        json.WriteStartArray("exposure");
        foreach (var entry in report.EntryPoints) WriteEntry(json, entry);
        json.WriteEndArray();
    }

    private static void WriteEntry(Utf8JsonWriter json, EntryPoint entry)
    {
        json.WriteStartObject();
        json.WriteString("kind", entry.Kind.ToString());
        json.WriteBoolean("exposed", entry.IsExposed);
        json.WriteString("openness", Kebab(entry.Openness.ToString()));
        json.WriteString("object", entry.Object.ToString());
        json.WriteString("location", entry.Span.ToString());
        json.WriteString("via", entry.Via);
        json.WriteString("protocol", entry.Protocol.ToString());
        if (entry.Port is { } port) json.WriteNumber("port", port);
        else json.WriteNull("port");
        json.WriteString("sourceSeen", Kebab(entry.SourceSeen.ToString()));
        var internetClients = entry.Clients.Equals(OutsideAddresses.Internet) || entry.Clients.Equals(IpSet.All);
        json.WriteString("clientScope", internetClients ? "internet" : "ranges");
        WriteStrings(json, "clients", internetClients ? [] : Cidrs(entry.Clients));
        WriteAdmitted(json, entry, entry.Admitted);
        if (entry.Service is { } service && entry.ServicePort is { } servicePort)
        {
            json.WriteString("service", service.Id);
            json.WriteNumber("servicePort", servicePort.Port);
        }
        json.WriteStartArray("backends");
        foreach (var backend in entry.Backends)
        {
            json.WriteStartObject();
            WriteBackend(json, backend.Target);
            WriteInts(json, "targetPorts", backend.Target.TargetPorts);
            json.WriteBoolean("accepts", backend.Accepts);
            WriteAdmitted(json, entry, backend.Admitted);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// admittedScope "all" when every source considered gets through (no list: it would repeat the
    /// internet block by block), "none", or "some" with the admitted CIDR blocks. Entry points
    /// that policies do not filter by address (ingress, hostPort) say "not-applicable".
    /// </summary>
    private static void WriteAdmitted(Utf8JsonWriter json, EntryPoint entry, IpSet admitted)
    {
        var scope = entry.SourceSeen is SourceAddress.IngressController or SourceAddress.Unfiltered ? "not-applicable"
            : admitted.IsEmpty ? "none"
            : admitted.Equals(entry.Considered) ? "all"
            : "some";
        json.WriteString("admittedScope", scope);
        WriteStrings(json, "admitted", scope == "some" ? Cidrs(admitted) : []);
    }

    private static void WriteTarget(Utf8JsonWriter json, ServiceBackendTarget target)
    {
        json.WriteStartObject();
        WriteBackend(json, target);
        json.WriteBoolean("resolved", target.Resolved);
        WriteInts(json, "targetPorts", target.TargetPorts);
        json.WriteEndObject();
    }

    /// <summary>"workload": its id, or for an outside address listed in a selectorless Service's Endpoints, "address": the address.</summary>
    public static void WriteBackend(Utf8JsonWriter json, ServiceBackendTarget target)
    {
        if (target.Backend is ExternalPeer outside) json.WriteString("address", outside.Addresses.ToCompactString());
        else json.WriteString("workload", target.Id);
    }

    private static IEnumerable<string> Cidrs(IpSet addresses) => addresses.Ranges.SelectMany(EntryPointText.ToCidrs);

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void WriteInts(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteNumberValue(value);
        json.WriteEndArray();
    }
}
