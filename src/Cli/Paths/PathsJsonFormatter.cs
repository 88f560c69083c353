using System.Text.Json;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Cli.Json;

namespace PolicyLint.Cli.Paths;

/// <summary>
/// The JSON contract of `paths --format json` (docs/paths.md): from, to, hops (null when there is
/// no path), paths of steps with connections and the allowing rules on each side, plus the
/// targets, the limits asked and whether the list was cut.
/// </summary>
public static class PathsJsonFormatter
{
    public static void Write(TextWriter output, PathsResult result) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("from", result.From);
        json.WriteString("to", result.To);
        if (result.Hops is { } hops) json.WriteNumber("hops", hops);
        else json.WriteNull("hops");
        json.WriteStartArray("targets");
        foreach (var target in result.Targets) json.WriteStringValue(target.Id);
        json.WriteEndArray();
        HopFilterJson.Write(json, result.Filter);
        json.WriteNumber("maxHops", result.MaxHops);
        json.WriteNumber("limit", result.Limit);
        json.WriteNumber("total", result.Total);
        json.WriteBoolean("truncated", result.Truncated);
        json.WriteStartArray("paths");
        foreach (var path in result.Paths) WritePath(json, path);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WritePath(Utf8JsonWriter json, AttackPath path)
    {
        json.WriteStartObject();
        if (path.Entry is { } entry)
        {
            json.WriteStartObject("entry");
            json.WriteString("workload", entry.Workload.Id);
            json.WriteStartArray("ways");
            foreach (var way in entry.Ways) WriteWay(json, way);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteStartArray("steps");
        foreach (var step in path.Steps)
        {
            json.WriteStartObject();
            json.WriteString("from", step.From.Id);
            json.WriteString("to", step.To.Id);
            json.WriteString("connections", step.Connections.ToString());
            WriteSide(json, "egress", step.Egress);
            WriteSide(json, "ingress", step.Ingress);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteWay(Utf8JsonWriter json, EntryWay way)
    {
        json.WriteStartObject();
        json.WriteString("kind", way.Kind);
        json.WriteString("text", way.Text);
        ObjectRefJson.Write(json, "object", way.Object);
        if (way.Span is { } span)
        {
            json.WriteString("file", span.File);
            json.WriteNumber("line", span.Line);
            json.WriteNumber("column", span.Column);
        }
        json.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter json, string name, HopSide side)
    {
        json.WriteStartObject(name);
        json.WriteBoolean("isolated", side.Isolated);
        json.WriteStartArray("rules");
        foreach (var contribution in side.Rules)
        {
            var rule = contribution.Rule;
            json.WriteStartObject();
            json.WritePropertyName("policy");
            ObjectRefJson.Write(json, rule.Policy);
            json.WriteString("layer", rule.Layer.ToString());
            json.WriteString("direction", rule.Direction == PolicyDirections.Ingress ? "ingress" : "egress");
            json.WriteNumber("index", rule.Index);
            if (rule.Field is { } field) json.WriteString("field", field);
            if (rule.Name is { } ruleName) json.WriteString("name", ruleName);
            else json.WriteNull("name");
            json.WriteString("file", rule.Span.File);
            json.WriteNumber("line", rule.Span.Line);
            json.WriteNumber("column", rule.Span.Column);
            json.WriteString("connections", contribution.Decided.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
