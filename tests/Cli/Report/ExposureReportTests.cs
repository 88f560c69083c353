using System.Text.Json;

namespace PolicyLint.Cli.Tests.Report;

/// <summary>
/// The Service view and the "exposed to the outside" section on testdata/exposure, pinned for
/// report (text, md, json) and, since the exposure rules read the same data, for lint (text, json).
/// </summary>
public class ExposureReportTests
{
    private const string Exposure = "testdata/exposure";

    [Theory]
    [InlineData("text")]
    [InlineData("md")]
    [InlineData("json")]
    public void Exposure_report_matches_its_golden_file(string format)
    {
        var run = CliRun.Of("report", Exposure, "--format", format);

        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, $"exposure.{format}");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void Exposure_lint_findings_match_their_golden_file(string format)
    {
        var run = CliRun.Of("lint", Exposure, "--format", format);

        Assert.Equal(1, run.ExitCode);
        Golden.Verify(run.Out, $"exposure.lint.{format}");
    }

    [Fact]
    public void Json_lists_exposed_entry_points_most_open_first_and_the_closed_ones_last()
    {
        using var json = JsonDocument.Parse(CliRun.Of("report", Exposure, "--format", "json").Out);
        var entries = json.RootElement.GetProperty("exposure").EnumerateArray().ToList();

        var rank = new Dictionary<string, int> { ["unfiltered"] = 3, ["internet"] = 2, ["some-addresses"] = 1, ["closed"] = 0 };
        var ranks = entries.Select(e => rank[e.GetProperty("openness").GetString()!]).ToList();
        Assert.Equal(ranks.OrderByDescending(r => r), ranks);
        Assert.Equal("HostPort", entries[0].GetProperty("kind").GetString());

        var closed = entries.Where(e => !e.GetProperty("exposed").GetBoolean())
            .Select(e => $"{e.GetProperty("kind").GetString()} {e.GetProperty("object").GetString()}").ToList();
        Assert.Equal(["NodePort Service edge/isolated-np", "NodePort Service edge/private-np", "Ingress Ingress locked/admin"], closed);
    }

    [Fact]
    public void The_text_report_states_which_source_address_the_policies_see()
    {
        var text = CliRun.Of("report", Exposure).Out;

        Assert.Contains("externalTrafficPolicy: Cluster rewrites the source to a node address", text);
        Assert.Contains("open to 203.0.113.0/24 (externalTrafficPolicy: Local keeps the client address)", text);
    }
}
