using System.Text.Json;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Json;

namespace PolicyLint.Cli.CanReach;

/// <summary>The JSON contract of `can-reach --format json` (docs/can-reach-json.md); the explanation is always included.</summary>
public static class CanReachJsonFormatter
{
    public static void Write(TextWriter output, CanReachResult result, Protocol? protocol, int? port) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("source", result.Source.Id);
        json.WriteString("destination", result.Destination.Id);
        if (protocol is null && port is null) json.WriteNull("protocol");
        else json.WriteString("protocol", (protocol ?? Protocol.TCP).ToString());
        if (port is { } number) json.WriteNumber("port", number);
        else json.WriteNull("port");
        json.WriteBoolean("reachable", result.Reachable);
        json.WriteStartObject("allowed");
        ConnectionSetJson.WriteProperties(json, result.Allowed);
        json.WriteEndObject();
        if (!result.Parts.IsEmpty) WriteParts(json, result);
        json.WriteStartObject("explanation");
        WriteDirection(json, "egress", result.Explanation.Egress);
        WriteDirection(json, "ingress", result.Explanation.Ingress);
        json.WriteEndObject();
        json.WriteStartArray("notes");
        foreach (var note in result.Explanation.Notes) json.WriteStringValue(note.Message);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>Only for a split owner (docs/split-workloads.md): all, some or none of its part pairs, and each.</summary>
    private static void WriteParts(Utf8JsonWriter json, CanReachResult result)
    {
        json.WriteString("coverage", result.Coverage.ToString().ToLowerInvariant());
        json.WriteStartArray("parts");
        foreach (var part in result.Parts)
        {
            json.WriteStartObject();
            json.WriteString("source", part.Source.Id);
            json.WriteString("destination", part.Destination.Id);
            json.WriteBoolean("reachable", part.Reachable);
            json.WriteStartObject("allowed");
            ConnectionSetJson.WriteProperties(json, part.Allowed);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteDirection(Utf8JsonWriter json, string name, DirectionVerdict verdict)
    {
        json.WriteStartObject(name);
        json.WriteBoolean("governed", verdict.Governed);
        json.WriteBoolean("isolated", verdict.Isolated);
        json.WriteStartArray("isolatedBy");
        foreach (var policy in verdict.IsolatingPolicies) ObjectRefJson.Write(json, policy);
        json.WriteEndArray();
        json.WriteStartArray("rules");
        foreach (var rule in verdict.Rules)
        {
            json.WriteStartObject();
            json.WritePropertyName("policy");
            ObjectRefJson.Write(json, rule.Rule.Policy);
            json.WriteString("layer", rule.Rule.Layer.ToString());
            if (rule.Rule.Tier is { } tier) json.WriteString("tier", tier);
            json.WriteString("direction", rule.Rule.Direction.ToText());
            json.WriteNumber("index", rule.Rule.Index);
            if (rule.Rule.Field is { } field) json.WriteString("field", field);
            if (rule.Rule.Name is { } ruleName) json.WriteString("name", ruleName);
            else json.WriteNull("name");
            json.WriteString("action", rule.Rule.Policy.ActionName(rule.Action));
            json.WriteString("file", rule.Rule.Span.File);
            json.WriteNumber("line", rule.Rule.Span.Line);
            json.WriteNumber("column", rule.Rule.Span.Column);
            json.WriteStartObject("matched");
            ConnectionSetJson.WriteProperties(json, rule.Matched);
            json.WriteEndObject();
            json.WriteStartObject("decided");
            ConnectionSetJson.WriteProperties(json, rule.Decided);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("allowed");
        ConnectionSetJson.WriteProperties(json, verdict.Allowed);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
