using System.Text.Json;
using PolicyLint.Analyzer.Queries.Dependencies;

namespace PolicyLint.Cli.Json;

/// <summary>A declared dependency's fields as the report, diff and can-reach JSON write them (docs/dependencies.md).</summary>
public static class DependencyJson
{
    /// <summary>client, container, origin, value, file, line, column: who declares it and where.</summary>
    public static void WriteDeclaration(Utf8JsonWriter json, DeclaredDependency dependency)
    {
        var declaration = dependency.Declaration;
        json.WriteString("client", dependency.Client.Id);
        json.WriteString("container", declaration.Container);
        json.WriteString("origin", declaration.Origin);
        json.WriteString("value", declaration.Text);
        json.WriteString("file", declaration.Span.File);
        json.WriteNumber("line", declaration.Span.Line);
        json.WriteNumber("column", declaration.Span.Column);
    }

    public static void WritePorts(Utf8JsonWriter json, DeclaredDependency dependency)
    {
        json.WriteStartArray("ports");
        foreach (var port in dependency.Ports)
        {
            json.WriteStartObject();
            json.WriteNumber("port", port.Port);
            json.WriteString("protocol", port.Protocol.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteReasons(Utf8JsonWriter json, DependencyVerdict verdict)
    {
        json.WriteStartArray("reasons");
        foreach (var reason in verdict.Reasons) json.WriteStringValue(reason);
        json.WriteEndArray();
    }
}
