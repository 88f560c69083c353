using System.Text.Json;

namespace PolicyLint.Cli.Tests.CanReach;

public class CanReachCommandTests
{
    private const string Demo = "testdata/demo";

    [Fact]
    public void Without_a_port_prints_the_allowed_connections_and_exits_0()
    {
        var run = CliRun.Of("can-reach", "storefront/web", "shop-api/catalog", Demo);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("storefront/web[Deployment] => shop-api/catalog[Deployment] : TCP 50051\n", run.Out);
    }

    [Fact]
    public void Nothing_allowed_exits_1()
    {
        var run = CliRun.Of("can-reach", "storefront/web[Deployment]", "data/postgres", Demo);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("storefront/web[Deployment] => data/postgres[StatefulSet] : no connections\n", run.Out);
    }

    [Theory]
    [InlineData("50051", null, 0, "yes: storefront/web[Deployment] => shop-api/catalog[Deployment] is allowed on TCP 50051")]
    [InlineData("50051", "UDP", 1, "no: storefront/web[Deployment] => shop-api/catalog[Deployment] is not allowed on UDP 50051 (allowed: TCP 50051)")]
    [InlineData("8080", null, 1, "no: storefront/web[Deployment] => shop-api/catalog[Deployment] is not allowed on TCP 8080 (allowed: TCP 50051)")]
    public void With_a_port_answers_yes_or_no(string port, string? protocol, int exitCode, string answer)
    {
        string[] args = protocol is null
            ? ["can-reach", "storefront/web", "shop-api/catalog", Demo, "--port", port]
            : ["can-reach", "storefront/web", "shop-api/catalog", Demo, "--port", port, "--protocol", protocol];
        var run = CliRun.Of(args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(answer + "\n", run.Out);
    }

    [Fact]
    public void An_outside_address_is_a_source()
    {
        Assert.Equal(0, CliRun.Of("can-reach", "203.0.113.7", "shop-api/payments", Demo, "--port", "8443").ExitCode);
        Assert.Equal(1, CliRun.Of("can-reach", "198.51.100.7", "shop-api/payments", Demo, "--port", "8443").ExitCode);
    }

    [Fact]
    public void Explain_names_the_isolating_policies_and_the_deciding_rules_with_file_and_line()
    {
        var run = CliRun.Of("can-reach", "storefront/web", "shop-api/catalog", Demo, "--port", "50051", "--explain");

        Assert.Equal(0, run.ExitCode);
        Golden.Verify(run.Out, "web-to-catalog.explain");
    }

    [Fact]
    public void Explain_says_why_nothing_is_allowed()
    {
        var run = CliRun.Of("can-reach", "storefront/web", "data/postgres", Demo, "--explain");

        Assert.Equal(1, run.ExitCode);
        Golden.Verify(run.Out, "web-to-postgres.explain");
    }

    [Fact]
    public void Json_carries_the_verdict_and_the_explanation()
    {
        var run = CliRun.Of("can-reach", "storefront/web", "shop-api/catalog", Demo, "--port", "50051", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("reachable").GetBoolean());
        Assert.Equal("TCP", root.GetProperty("protocol").GetString());
        var rule = root.GetProperty("explanation").GetProperty("ingress").GetProperty("rules")[0];
        Assert.Equal("catalog-from-web", rule.GetProperty("policy").GetProperty("name").GetString());
        Assert.Equal("testdata/demo/policies-shop-api.yaml", rule.GetProperty("file").GetString());
        Golden.Verify(run.Out, "web-to-catalog.json");
    }

    [Fact]
    public void Unknown_workload_is_bad_input_with_the_closest_names()
    {
        var run = CliRun.Of("can-reach", "storefront/webb", "data/postgres", Demo);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("policylint: no workload 'storefront/webb' in the input; did you mean storefront/web[Deployment]?\n", run.Error);
    }

    [Fact]
    public void Port_out_of_range_is_bad_input()
    {
        var run = CliRun.Of("can-reach", "storefront/web", "data/postgres", Demo, "--port", "70000");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--port 70000", run.Error);
    }

    [Fact]
    public void Two_outside_peers_are_refused()
    {
        var run = CliRun.Of("can-reach", "10.0.0.1", "10.0.0.2", Demo);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("one end must be a workload", run.Error);
    }
}
