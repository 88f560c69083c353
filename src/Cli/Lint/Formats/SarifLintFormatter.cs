using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Cli.Json;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Lint.Formats;

/// <summary>
/// SARIF 2.1.0 for code scanning (GitHub and others). The driver describes every rule that ran
/// (descriptions, help, default level, tags, security-severity for security rules); every
/// finding is a result with a repository-relative location, suppressed findings included with
/// an inSource suppression carrying the annotation's reason. Nothing else is written.
/// </summary>
public sealed class SarifLintFormatter : ILintFormatter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public void Write(LintReport report, TextWriter output)
    {
        var rules = report.Result.Rules;
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var finding in report.Result.Findings) WriteResult(json, report, finding, ruleIndex);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<RuleDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "PolicyLint");
        json.WriteString("version", CliApp.Version);
        json.WriteString("semanticVersion", CliApp.Version);
        json.WriteString("informationUri", RuleCatalogInfo.RepositoryUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules) WriteRule(json, rule);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, RuleDescriptor rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Id));
        WriteMessage(json, "shortDescription", rule.Title);
        WriteMessage(json, "fullDescription", rule.FullDescription);
        json.WriteStartObject("help");
        json.WriteString("text", $"{rule.FullDescription}\n\nHow to fix: {rule.HowToFix}\n\nDocumentation: {rule.HelpUri}");
        json.WriteString("markdown", $"**{rule.Title}**\n\n{rule.FullDescription}\n\n**How to fix:** {rule.HowToFix}\n\n[Documentation]({rule.HelpUri})");
        json.WriteEndObject();
        json.WriteString("helpUri", rule.HelpUri);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        foreach (var tag in rule.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        json.WriteString("category", rule.Category);
        if (rule.IsSecurity)
        {
            json.WriteString("security-severity", rule.SecuritySeverity.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, LintReport report, Finding finding, Dictionary<string, int> ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (ruleIndex.TryGetValue(finding.RuleId, out var index)) json.WriteNumber("ruleIndex", index);
        json.WriteString("level", Level(finding.Severity));
        WriteMessage(json, "message", finding.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri(report.Paths.Relative(finding.Span.File)));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, finding.Span.Line));
        json.WriteNumber("startColumn", Math.Max(1, finding.Span.Column));
        json.WriteEndObject();
        json.WriteEndObject();
        if (finding.Object is { } target)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", target.QualifiedName);
            json.WriteString("fullyQualifiedName", target.ToString());
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("policylintFinding/v1", Fingerprint(finding));
        json.WriteEndObject();
        if (finding.Suppression is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "inSource");
            if (suppression.Reason is not null) json.WriteString("justification", suppression.Reason);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A relative URI reference: each path segment percent-encoded; absolute paths as file URIs.</summary>
    private static string Uri(string path)
    {
        if (path.Length == 0) return "-";
        var encoded = string.Join("/", path.Split('/').Select(System.Uri.EscapeDataString));
        return path.StartsWith('/') ? "file://" + encoded : encoded;
    }

    /// <summary>Stable across line moves: the rule, the object and the message, not the position.</summary>
    private static string Fingerprint(Finding finding)
    {
        var key = $"{finding.RuleId}|{finding.Object}|{finding.Message}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    private static string PascalCase(string id) =>
        string.Concat(id.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
