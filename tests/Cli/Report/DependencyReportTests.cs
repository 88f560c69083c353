using System.Text.Json;

namespace PolicyLint.Cli.Tests.Report;

/// <summary>The report's dependencies section (docs/dependencies.md, docs/report-json.md).</summary>
public class DependencyReportTests
{
    private const string Demo = "testdata/demo";

    [Fact]
    public void Json_lists_each_declared_dependency_with_its_status_and_reasons()
    {
        using var json = JsonDocument.Parse(CliRun.Of("report", Demo, "--format", "json").Out);
        var dependencies = json.RootElement.GetProperty("dependencies").EnumerateArray().ToList();

        Assert.Equal(2, dependencies.Count);
        var cache = dependencies.Single(d => d.GetProperty("service").GetString() == "redis");
        Assert.Equal("shop-api/nightly-report[CronJob]", cache.GetProperty("client").GetString());
        Assert.Equal("blocked", cache.GetProperty("status").GetString());
        Assert.Equal("testdata/demo/shop-api.yaml", cache.GetProperty("file").GetString());
        Assert.Equal(100, cache.GetProperty("line").GetInt32());
        Assert.Contains("refuses it at ingress", cache.GetProperty("reasons")[0].GetString());
        var database = dependencies.Single(d => d.GetProperty("service").GetString() == "postgres");
        Assert.Equal("reachable", database.GetProperty("status").GetString());
        Assert.Empty(database.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public void Focus_keeps_only_the_focused_workloads_dependencies()
    {
        using var focused = JsonDocument.Parse(CliRun.Of("report", Demo, "--format", "json", "--focus", "data/redis").Out);
        Assert.Empty(focused.RootElement.GetProperty("dependencies").EnumerateArray());
    }

    [Fact]
    public void Text_leaves_the_section_out_when_nothing_is_declared()
    {
        Assert.Contains("dependencies (declared in the manifests)", CliRun.Of("report", Demo).Out);
        Assert.DoesNotContain("dependencies (declared", CliRun.Of("report", "testdata/exposure").Out);
    }
}
