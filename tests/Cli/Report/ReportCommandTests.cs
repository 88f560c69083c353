using System.Xml.Linq;

namespace PolicyLint.Cli.Tests.Report;

public class ReportCommandTests
{
    private const string Demo = "testdata/demo";

    [Theory]
    [InlineData("text")]
    [InlineData("connlist")]
    [InlineData("json")]
    [InlineData("md")]
    [InlineData("csv")]
    [InlineData("dot")]
    public void Demo_report_matches_its_golden_file(string format)
    {
        var run = CliRun.Of("report", Demo, "--format", format);

        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, $"demo.{format}");
    }

    [Fact]
    public void Text_is_the_default_format()
    {
        Assert.Equal(CliRun.Of("report", Demo, "--format", "text").Out, CliRun.Of("report", Demo).Out);
    }

    [Fact]
    public void Machine_formats_carry_no_colour_or_progress()
    {
        foreach (var format in new[] { "connlist", "json", "csv", "dot" })
        {
            var run = CliRun.Of("report", Demo, "--format", format);
            Assert.False(run.Out.Contains('\u001b', StringComparison.Ordinal), format);
            Assert.Equal("", run.Error);
        }
    }

    [Fact]
    public void Demo_html_matches_its_golden_file()
    {
        // The page is the skeleton and the embedded data; the inlined assets (report.css,
        // report.js) are checked in the browser (tests/Cli/Report/Html), so they are masked here,
        // and the data is indented to keep the golden file readable.
        var html = CliRun.Of("report", Demo, "--format", "html").Out;
        var masked = System.Text.RegularExpressions.Regex.Replace(html, "<style>\n.*?</style>", "<style>(report.css)</style>", System.Text.RegularExpressions.RegexOptions.Singleline);
        masked = System.Text.RegularExpressions.Regex.Replace(masked, "<script>\n.*?</script>", "<script>(report.js)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        masked = System.Text.RegularExpressions.Regex.Replace(masked, "(<script type=\"application/json\" id=\"policylint-data\">)(.*?)(</script>)",
            m => m.Groups[1].Value + "\n" + System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(m.Groups[2].Value).RootElement,
                new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n" + m.Groups[3].Value,
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Golden.Verify(masked, "demo.html");
    }

    [Fact]
    public void Svg_is_rendered_by_graphviz_or_refused_with_a_clear_message()
    {
        var run = CliRun.Of("report", Demo, "--format", "svg");

        if (PolicyLint.Cli.Report.Graphviz.IsAvailable)
        {
            Assert.Equal(0, run.ExitCode);
            var svg = XDocument.Parse(run.Out);
            Assert.Equal("svg", svg.Root!.Name.LocalName);
        }
        else
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("apt-get install graphviz", run.Error);
            Assert.Equal("", run.Out);
        }
    }

    [Fact]
    public void Output_option_writes_the_file_and_nothing_to_stdout()
    {
        var file = Path.Combine(Path.GetTempPath(), $"policylint-{Guid.NewGuid():N}.json");
        try
        {
            var run = CliRun.Of("report", Demo, "--format", "json", "-o", file);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("", run.Out);
            Assert.Equal(CliRun.Of("report", Demo, "--format", "json").Out, File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Focus_keeps_only_connections_of_the_focused_workloads()
    {
        var run = CliRun.Of("report", Demo, "--format", "connlist", "--focus", "data/postgres");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains("data/postgres[StatefulSet]", l));
    }

    [Fact]
    public void Unknown_focus_is_bad_input_with_a_suggestion()
    {
        var run = CliRun.Of("report", Demo, "--focus", "data/postgress");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("policylint: no workload 'data/postgress' in the input; did you mean data/postgres[StatefulSet]?\n", run.Error);
    }

    [Fact]
    public void Invalid_input_is_reported_on_stderr_the_rest_is_still_reported_and_the_exit_code_is_2()
    {
        var dir = Directory.CreateTempSubdirectory("policylint-report-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "good.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n");
            File.WriteAllText(Path.Combine(dir, "bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: b\n");

            var run = CliRun.In(dir, "", "report", ".", "--format", "connlist");

            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("bad.yaml:", run.Error.Replace("./", ""));
            Assert.Contains("invalid-yaml", run.Error);
            Assert.Contains("default/a[Pod]", run.Out);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Unknown_profile_is_a_usage_error()
    {
        var run = CliRun.Of("report", Demo, "--profile", "calico");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown profile 'calico'", run.Error);
    }
}
