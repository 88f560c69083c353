using System.Text.Json;
using PolicyLint.Tests;

namespace PolicyLint.Cli.Tests.Paths;

/// <summary>
/// `policylint paths` on the demo: the path from the internet to the payments database (entered
/// through the payments callback, which admits 203.0.113.0/24), in every format; the path between
/// two workloads; no path (exit 1); the limit; bad input (exit 2).
/// </summary>
public sealed class PathsCommandTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("md")]
    [InlineData("dot")]
    public void Internet_to_the_orders_database_in_every_format(string format)
    {
        var run = CliRun.Of("paths", "{internet}", "data/postgres", "testdata/demo", "--format", format);
        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, $"internet-to-postgres.{format}");
    }

    [Fact]
    public void Internet_to_redis_goes_through_the_storefront_and_the_catalog()
    {
        var run = CliRun.Of("paths", "{internet}", "data/redis", "testdata/demo");
        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, "internet-to-redis.text");
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        var run = CliRun.Of("paths", "storefront/web", "data/postgres", "testdata/demo", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var root = document.RootElement;
        Assert.Equal("storefront/web[Deployment]", root.GetProperty("from").GetString());
        Assert.Equal("data/postgres[StatefulSet]", root.GetProperty("to").GetString());
        Assert.Equal(2, root.GetProperty("hops").GetInt32());
        var steps = root.GetProperty("paths")[0].GetProperty("steps");
        Assert.Equal(2, steps.GetArrayLength());
        Assert.Equal("shop-api/orders[Deployment]", steps[1].GetProperty("from").GetString());
        Assert.Equal("TCP 5432", steps[1].GetProperty("connections").GetString());
        var rule = steps[1].GetProperty("ingress").GetProperty("rules")[0];
        Assert.Equal("postgres-from-api", rule.GetProperty("policy").GetProperty("name").GetString());
        Assert.Equal(0, rule.GetProperty("index").GetInt32());
        Assert.Equal("testdata/demo/policies-data.yaml", rule.GetProperty("file").GetString());
    }

    [Fact]
    public void A_Service_stands_for_its_backends()
    {
        var run = CliRun.Of("paths", "storefront/web", "data/postgres[Service]", "testdata/demo");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("1 shortest path of 2 hops from storefront/web[Deployment] to data/postgres[Service] (any port)\n" +
            "data/postgres[Service] stands for its backends: data/postgres[StatefulSet]\n", run.Out);
    }

    [Fact]
    public void No_path_exits_1()
    {
        // postgres is isolated for egress with no egress rule (testdata/demo/policies-data.yaml)
        var run = CliRun.Of("paths", "data/postgres", "storefront/web", "testdata/demo");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("no path from data/postgres[StatefulSet] to storefront/web[Deployment] within 6 hops (any port)\n", run.Out);
    }

    [Fact]
    public void Max_hops_bounds_the_search()
    {
        var run = CliRun.Of("paths", "storefront/web", "data/postgres", "testdata/demo", "--max-hops", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("no path from storefront/web[Deployment] to data/postgres[StatefulSet] within 1 hop (any port)\n", run.Out);
    }

    [Fact]
    public void The_port_narrows_every_hop()
    {
        // web reaches orders on TCP 8080 only: no hop allows 5432 from web
        var run = CliRun.Of("paths", "storefront/web", "shop-api/orders", "testdata/demo", "--port", "5432");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("within 6 hops (TCP 5432)", run.Out);
    }

    [Fact]
    public void The_limit_cuts_the_list_and_says_so()
    {
        var run = CliRun.Of("paths", "storefront/admin-ui", "data/redis", "testdata/demo", "--limit", "1");
        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Out.Split('\n'), l => l.StartsWith("path ", StringComparison.Ordinal));
        Assert.EndsWith("\nshowing the first 1 of 2 shortest paths (--limit 1)\n", run.Out);
    }

    [Theory]
    [InlineData("storefront/nope", "data/postgres", "no workload 'storefront/nope' in the input")]
    [InlineData("8.8.8.8", "data/postgres", "'8.8.8.8' is not a workload; paths run between workloads (outside addresses are not hops)")]
    [InlineData("data/postgres", "data/postgres", "FROM data/postgres[StatefulSet] is also the destination")]
    [InlineData("{internet}", "data/nothing[Service]", "data/nothing")]
    public void Bad_names_exit_2(string from, string to, string message)
    {
        var run = CliRun.Of("paths", from, to, "testdata/demo");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_port_out_of_range_exits_2()
    {
        var run = CliRun.Of("paths", "{internet}", "data/postgres", "testdata/demo", "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("policylint: --port 0 is not a port number (1-65535)\n", run.Error);
    }
}
