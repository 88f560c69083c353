using System.Text.Json;

namespace PolicyLint.Cli.Tests.CanReach;

public class ServiceCanReachTests
{
    private const string Exposure = "testdata/exposure";

    [Fact]
    public void A_service_port_is_reachable_when_a_backend_accepts_on_the_target_port()
    {
        var run = CliRun.Of("can-reach", "edge/frontend", "edge/isolated-np[Service]", Exposure, "--port", "80");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "yes: edge/frontend[Deployment] => edge/isolated-np[Service] port 80/TCP (web): its backend accepts\n" +
            "  accepts: edge/isolated-np[Deployment] on 8080/TCP\n",
            run.Out);
    }

    [Fact]
    public void Refused_by_every_backend_exits_1_and_explains_each_backend()
    {
        var run = CliRun.Of("can-reach", "edge/legacy", "edge/isolated-np[Service]", Exposure, "--explain");

        Assert.Equal(1, run.ExitCode);
        Golden.Verify(run.Out, "legacy-to-isolated-np.explain");
    }

    [Fact]
    public void Without_a_port_every_service_port_is_answered_and_json_names_the_backends()
    {
        var run = CliRun.Of("can-reach", "{ingress-controller}", "locked/admin[Service]", Exposure, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.False(json.RootElement.GetProperty("reachable").GetBoolean());
        var port = Assert.Single(json.RootElement.GetProperty("ports").EnumerateArray());
        Assert.Equal("none", port.GetProperty("coverage").GetString());
        Assert.Equal("locked/admin[Deployment]", port.GetProperty("backends")[0].GetProperty("workload").GetString());
    }

    [Fact]
    public void An_unknown_service_port_is_bad_input_listing_the_ports()
    {
        var run = CliRun.Of("can-reach", "edge/legacy", "edge/isolated-np[Service]", Exposure, "--port", "81");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("policylint: edge/isolated-np[Service] has no port 81 (it has 80/TCP)\n", run.Error);
    }

    [Fact]
    public void An_unknown_service_is_bad_input_with_the_closest_names()
    {
        var run = CliRun.Of("can-reach", "edge/legacy", "edge/isolatednp[Service]", Exposure);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean edge/isolated-np[Service]", run.Error);
    }
}
