using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyLint.Cli.Tests.Report.Html;

/// <summary>The page as a file: self-contained, the data embedded once, and safe whatever the manifests say.</summary>
public sealed partial class HtmlReportTests
{
    private const string Demo = "testdata/demo";

    [Fact]
    public void Page_is_self_contained_and_forbids_every_request()
    {
        var html = CliRun.Of("report", Demo, "--format", "html").Out;

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotMatch(SourceAttribute(), html);
        Assert.Contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\"", html);
    }

    [Fact]
    public void Data_is_the_json_report_embedded_once_plus_the_pages_sections()
    {
        var html = CliRun.Of("report", Demo, "--format", "html").Out;
        using var report = JsonDocument.Parse(CliRun.Of("report", Demo, "--format", "json").Out);

        using var data = JsonDocument.Parse(EmbeddedData(html));

        foreach (var property in report.RootElement.EnumerateObject())
        {
            Assert.Equal(Canonical(property.Value), Canonical(data.RootElement.GetProperty(property.Name)));
        }
        var connections = data.RootElement.GetProperty("connections").GetArrayLength();
        Assert.Equal(46, connections); // as many as connlist lists: outside peers merged per workload (docs/report-json.md)
        Assert.Equal(connections, data.RootElement.GetProperty("allowedBy").GetArrayLength());
        Assert.Equal(17, data.RootElement.GetProperty("policiesByKind").GetProperty("NetworkPolicy").GetInt32());
        Assert.Single(Regex.Matches(html, "id=\"policylint-data\""));
    }

    [Fact]
    public void Lint_findings_are_the_lint_commands()
    {
        var html = CliRun.Of("report", Demo, "--format", "html").Out;
        using var lint = JsonDocument.Parse(CliRun.Of("lint", Demo, "--format", "json").Out);

        using var data = JsonDocument.Parse(EmbeddedData(html));

        var page = data.RootElement.GetProperty("lint");
        Assert.Equal(lint.RootElement.GetProperty("findings").GetArrayLength(), page.GetProperty("findings").GetArrayLength());
        Assert.Equal(Canonical(lint.RootElement.GetProperty("summary")), Canonical(page.GetProperty("summary")));
        Assert.EndsWith("docs/rules/dns-egress-blocked.md", page.GetProperty("rules").GetProperty("dns-egress-blocked").GetProperty("help").GetString());
    }

    [Fact]
    public void Text_from_the_manifests_can_never_close_the_script_element()
    {
        var directory = Directory.CreateTempSubdirectory("policylint-html-").FullName;
        try
        {
            const string hostile = "</script><script>alert(1)</script><!--";
            File.WriteAllText(Path.Combine(directory, "policy.yaml"), $$"""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: hostile
                  namespace: default
                spec:
                  podSelector: {}
                  ingress:
                    - from:
                        - ipBlock:
                            cidr: "{{hostile}}"
                """);
            var run = CliRun.In(directory, "", "report", ".", "--format", "html");

            Assert.Equal(2, Regex.Matches(run.Out, "</script", RegexOptions.IgnoreCase).Count);
            Assert.DoesNotContain("<!--", run.Out);
            Assert.Contains(hostile, EmbeddedData(run.Out));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Page_script_and_style_cannot_end_their_element_early()
    {
        Assert.DoesNotContain("</script", PolicyLint.Cli.Report.Html.HtmlPageAssets.Script, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</style", PolicyLint.Cli.Report.Html.HtmlPageAssets.Style, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The JSON text of the data element, unescaped as the browser's JSON.parse reads it.</summary>
    private static string EmbeddedData(string html)
    {
        var match = DataElement().Match(html);
        Assert.True(match.Success, "no data element");
        using var data = JsonDocument.Parse(match.Groups[1].Value);
        return Canonical(data.RootElement);
    }

    /// <summary>Compact JSON with only the escapes JSON requires, to compare documents written with different encoders.</summary>
    private static string Canonical(JsonElement element) => JsonSerializer.Serialize(element,
        new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [GeneratedRegex("<script type=\"application/json\" id=\"policylint-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataElement();

    [GeneratedRegex("\\s(src|href)=\"(https?:)?//")]
    private static partial Regex SourceAttribute();
}
