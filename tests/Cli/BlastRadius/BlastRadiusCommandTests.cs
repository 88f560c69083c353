using System.Text.Json;
using PolicyLint.Tests;

namespace PolicyLint.Cli.Tests.BlastRadius;

/// <summary>`policylint blast-radius` on the demo: the storefront compromised, in every format, narrowed by port and depth.</summary>
public sealed class BlastRadiusCommandTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("md")]
    [InlineData("dot")]
    public void The_storefront_within_two_hops_in_every_format(string format)
    {
        var run = CliRun.Of("blast-radius", "storefront/web", "testdata/demo", "--format", format);
        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, $"web.{format}");
    }

    [Fact]
    public void Json_lists_each_peer_with_its_fewest_hops()
    {
        var run = CliRun.Of("blast-radius", "storefront/web", "testdata/demo", "--format", "json", "--hops", "1");
        using var document = JsonDocument.Parse(run.Out);
        var root = document.RootElement;
        Assert.Equal("storefront/web[Deployment]", root.GetProperty("source").GetString());
        Assert.Equal(1, root.GetProperty("hops").GetInt32());
        var reachable = root.GetProperty("reachable").EnumerateArray().Select(r => $"{r.GetProperty("peer").GetString()}:{r.GetProperty("hops").GetInt32()}");
        // web's egress: DNS (storefront/allow-dns) and the APIs (storefront/web-to-api), as the connlist says
        Assert.Equal(["kube-system/coredns[Deployment]:1", "shop-api/catalog[Deployment]:1", "shop-api/orders[Deployment]:1"], reachable);
    }

    [Fact]
    public void A_port_narrows_every_hop()
    {
        var run = CliRun.Of("blast-radius", "shop-api/orders", "testdata/demo", "--port", "5432", "--hops", "3");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("blast radius: 1 workload reachable from shop-api/orders[Deployment] within 3 hops (TCP 5432)\n", run.Out);
        Assert.Contains("data/postgres[StatefulSet]", run.Out);
    }

    [Fact]
    public void An_isolated_workload_reaches_nothing()
    {
        var run = CliRun.Of("blast-radius", "data/postgres", "testdata/demo");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("blast radius: 0 workloads reachable from data/postgres[StatefulSet] within 2 hops (any port)\n", run.Out);
    }

    [Theory]
    [InlineData("--hops", "0", "policylint: --hops must be at least 1\n")]
    [InlineData("--port", "70000", "policylint: --port 70000 is not a port number (1-65535)\n")]
    public void Bad_options_exit_2(string option, string value, string message)
    {
        var run = CliRun.Of("blast-radius", "storefront/web", "testdata/demo", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Error);
    }
}
