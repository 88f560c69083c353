using System.Text.Json;

namespace PolicyLint.Cli.Tests.CanReach;

public class AnyPodCanReachTests
{
    private const string Demo = "testdata/demo";

    [Fact]
    public void Some_pod_of_the_input_could_reach_and_is_named_with_its_labels()
    {
        var run = CliRun.Of("can-reach", "--any-pod", "team=web;app=web", "shop-api/orders", Demo);

        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "yes: some pod in a namespace matching team=web with labels matching app=web could reach shop-api/orders[Deployment], for example:\n" +
            "  namespace: storefront, labels {env=prod,kubernetes.io/metadata.name=storefront,team=web}\n" +
            "  pod: labels {app=web,tier=frontend} (like storefront/web[Deployment])\n" +
            "  container ports: http=TCP/8080\n" +
            "  to: shop-api/orders[Deployment] on TCP 8080\n",
            run.Out);
    }

    [Fact]
    public void A_pod_in_a_namespace_not_in_the_input_is_a_witness_too()
    {
        var run = CliRun.Of("can-reach", "--any-pod", "team=web,env in (staging);app=web", "shop-api/orders", Demo, "--port", "8080");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Equal("yes: some pod in a namespace matching team=web,env=staging with labels matching app=web could reach shop-api/orders[Deployment] on TCP 8080, for example:", lines[0]);
        Assert.StartsWith("  namespace: ", lines[1]);
        Assert.Contains("(not in the input), labels {env=staging,", lines[1]);
        Assert.Contains("team=web}", lines[1]);
        Assert.Contains("app=web", lines[2]);
        Assert.Equal("  to: shop-api/orders[Deployment] on TCP 8080", lines[3]);
    }

    [Theory]
    [InlineData("team=web;app=web", "9090", "no: no pod in a namespace matching team=web with labels matching app=web could reach shop-api/orders[Deployment] on TCP 9090")]
    [InlineData("!team;", "8080", "no: no pod in a namespace matching !team with any labels could reach shop-api/orders[Deployment] on TCP 8080")]
    public void No_pod_could_reach_exits_1(string selectors, string port, string answer)
    {
        var run = CliRun.Of("can-reach", "--any-pod", selectors, "shop-api/orders", Demo, "--port", port);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(answer + "\n", run.Out);
    }

    [Fact]
    public void Json_carries_the_witness()
    {
        var run = CliRun.Of("can-reach", "--any-pod", ";", "shop-api/orders", Demo, "--port", "8080", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("reachable").GetBoolean());
        Assert.Equal("{}", root.GetProperty("namespaceSelector").GetString());
        var witness = root.GetProperty("witness");
        Assert.Equal("TCP", witness.GetProperty("protocol").GetString());
        Assert.Equal(8080, witness.GetProperty("port").GetInt32());
        Assert.Equal("web", witness.GetProperty("namespaceLabels").GetProperty("team").GetString());
        Assert.Equal("web", witness.GetProperty("podLabels").GetProperty("app").GetString());
    }

    [Theory]
    [InlineData("team=web", "expected 'NAMESPACE-SELECTOR;POD-SELECTOR'")]
    [InlineData("team in web;", "namespace selector: bad selector 'team in web': ")]
    [InlineData(";app=we b", "pod selector: bad selector 'app=we b': label value 'we b'")]
    public void Bad_selectors_exit_2_with_a_clear_message(string selectors, string message)
    {
        var run = CliRun.Of("can-reach", "--any-pod", selectors, "shop-api/orders", Demo);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("policylint: --any-pod: ", run.Error);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void The_destination_must_be_a_workload()
    {
        var run = CliRun.Of("can-reach", "--any-pod", ";", "10.0.0.1", Demo);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the destination must be a workload", run.Error);
    }

    [Fact]
    public void Without_any_pod_both_ends_are_still_required()
    {
        var run = CliRun.Of("can-reach", "storefront/web");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("can-reach needs SRC and DST", run.Error);
    }
}
