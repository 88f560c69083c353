using System.Text.Json;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Json;

namespace PolicyLint.Cli.CanReach;

/// <summary>
/// can-reach with a Service destination as JSON: src, dst, reachable (some asked port has an
/// accepting backend) and per Service port its coverage and each backend's verdict.
/// </summary>
public static class ServiceCanReachJsonFormatter
{
    public static void Write(TextWriter output, string source, string service, IReadOnlyList<ServiceAccess> answers) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("src", source);
        json.WriteString("dst", service);
        json.WriteBoolean("reachable", answers.Any(a => a.Reachable));
        json.WriteStartArray("ports");
        foreach (var access in answers) WritePort(json, access);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WritePort(Utf8JsonWriter json, ServiceAccess access)
    {
        json.WriteStartObject();
        json.WriteNumber("port", access.Port.Port);
        json.WriteString("protocol", access.Port.Protocol.ToString());
        if (access.Port.Name is { } name) json.WriteString("name", name);
        else json.WriteNull("name");
        json.WriteString("targetPort", access.Port.TargetPort.ToString());
        json.WriteString("coverage", access.Coverage.ToString().ToLowerInvariant());
        json.WriteBoolean("reachable", access.Reachable);
        json.WriteStartArray("backends");
        foreach (var backend in access.Backends)
        {
            json.WriteStartObject();
            Report.JsonReportSections.WriteBackend(json, backend.Target);
            json.WriteStartArray("targetPorts");
            foreach (var port in backend.Target.TargetPorts) json.WriteNumberValue(port);
            json.WriteEndArray();
            json.WriteBoolean("accepts", backend.Accepts);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
