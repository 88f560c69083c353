using System.Text.Json;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Json;

/// <summary>A lint finding as JSON, shared by lint --format json and the HTML report.</summary>
public static class FindingJson
{
    /// <summary>One finding as in lint's "findings" array (docs/lint.md); the HTML report embeds the same objects.</summary>
    public static void Write(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("severity", finding.Severity.ToId());
        json.WriteString("message", finding.Message);
        json.WriteString("file", finding.Span.File.Replace('\\', '/'));
        json.WriteNumber("line", finding.Span.Line);
        json.WriteNumber("column", finding.Span.Column);
        ObjectRefJson.Write(json, "object", finding.Object);
        if (finding.Suppression is { } suppression)
        {
            if (suppression.Reason is null) json.WriteNull("reason");
            else json.WriteString("reason", suppression.Reason);
        }
        json.WriteEndObject();
    }
}
