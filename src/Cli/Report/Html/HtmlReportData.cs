using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Json;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Report.Html;

/// <summary>
/// The JSON the page renders from, embedded once: every property of `report --format json`
/// (docs/report-json.md) followed by the page's own: summaryLine (the text report's first line), policiesByKind, rules and allowedBy (the
/// rules behind each connection), lint (findings as `lint --format json` writes them, and the
/// rule catalog entries they cite), attackPaths (shortest paths from the internet to each sensitive
/// workload, see <see cref="HtmlAttackPaths"/>). A property is left out when its data was not computed.
/// </summary>
public static class HtmlReportData
{
    /// <summary>
    /// JavaScriptEncoder.Default escapes &lt;, &gt;, &amp;, quotes and every non-ASCII character as
    /// \uXXXX, so the text can never close the &lt;script&gt; element it is embedded in
    /// (no "&lt;/script" or "&lt;!--" can appear) whatever the manifests contain.
    /// </summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>Streams the data into <paramref name="output"/> as it is written (<see cref="TextWriterBufferWriter"/>).</summary>
    public static void Write(HtmlReport page, TextWriter output)
    {
        using (var json = new Utf8JsonWriter(new TextWriterBufferWriter(output), Options))
        {
            json.WriteStartObject();
            JsonReportFormatter.WriteProperties(json, page.Report);
            json.WriteString("summaryLine", page.Report.SummaryLine);
            if (!page.PoliciesByKind.IsEmpty)
            {
                json.WriteStartObject("policiesByKind");
                foreach (var (kind, count) in page.PoliciesByKind) json.WriteNumber(kind, count);
                json.WriteEndObject();
            }
            if (!page.AllowedBy.IsDefaultOrEmpty) WriteAllowedBy(json, page);
            if (page.Lint is { } lint) WriteLint(json, lint);
            if (!page.AttackPaths.IsDefaultOrEmpty) HtmlAttackPaths.Write(json, page.AttackPaths);
            json.WriteEndObject();
        }
    }

    /// <summary>
    /// rules: every distinct rule once, as [description, location]; allowedBy: per connection
    /// [egress rule indexes or null, ingress rule indexes or null] (null: nothing restricts that side).
    /// </summary>
    private static void WriteAllowedBy(Utf8JsonWriter json, HtmlReport page)
    {
        var index = new Dictionary<RuleRef, int>();
        var ordered = new List<RuleRef>();
        int IndexOf(RuleRef rule)
        {
            if (index.TryGetValue(rule, out var i)) return i;
            ordered.Add(rule);
            return index[rule] = ordered.Count - 1;
        }
        var sides = page.AllowedBy.Select(a => (Egress: a.Egress?.Select(IndexOf).ToList(), Ingress: a.Ingress?.Select(IndexOf).ToList())).ToList();
        json.WriteStartArray("rules");
        foreach (var rule in ordered)
        {
            json.WriteStartArray();
            json.WriteStringValue(rule.ToString());
            json.WriteStringValue(rule.Span.ToString());
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartArray("allowedBy");
        foreach (var (egress, ingress) in sides)
        {
            json.WriteStartArray();
            WriteIndexes(json, egress);
            WriteIndexes(json, ingress);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static void WriteIndexes(Utf8JsonWriter json, List<int>? indexes)
    {
        if (indexes is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartArray();
        foreach (var i in indexes) json.WriteNumberValue(i);
        json.WriteEndArray();
    }

    private static void WriteLint(Utf8JsonWriter json, LintResult lint)
    {
        json.WriteStartObject("lint");
        json.WriteStartArray("findings");
        foreach (var finding in lint.Active) FindingJson.Write(json, finding);
        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("error", lint.Count(Severity.Error));
        json.WriteNumber("warning", lint.Count(Severity.Warning));
        json.WriteNumber("info", lint.Count(Severity.Info));
        json.WriteNumber("suppressed", lint.SuppressedCount);
        json.WriteEndObject();
        json.WriteStartObject("rules");
        var cited = lint.Active.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in lint.Rules.Where(r => cited.Contains(r.Id)))
        {
            json.WriteStartObject(rule.Id);
            json.WriteString("title", rule.Title);
            json.WriteString("help", rule.HelpUri);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
