using System.Text.Json;

namespace PolicyLint.Cli.Tests.CanReach;

/// <summary>can-reach with a DNS name or URL as DST, read as a declared dependency would be (docs/dependencies.md).</summary>
public class NameCanReachTests
{
    private const string Head = "testdata/diff/breaks-dependency/head";
    private const string Base = "testdata/diff/breaks-dependency/base";

    [Fact]
    public void A_url_is_answered_on_its_port_with_the_reason_it_is_blocked()
    {
        var run = CliRun.Of("can-reach", "shop/web", "http://orders.shop:8080", Head);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "no: shop/web[Deployment] => http://orders.shop:8080: Service shop/orders port 8080/TCP (port as written; by name, through the cluster DNS): blocked\n" +
            "  its backend refuses it at ingress: Deployment shop/orders (isolated by NetworkPolicy shop/orders-in, no rule admits it)\n",
            run.Out);
    }

    [Fact]
    public void A_short_name_resolves_in_the_sources_namespace_and_uses_the_only_port()
    {
        var run = CliRun.Of("can-reach", "shop/web", "payments.shop", Head, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.True(json.RootElement.GetProperty("reachable").GetBoolean());
        Assert.Equal("OnlyPort", json.RootElement.GetProperty("portChoice").GetString());
        Assert.Equal(8443, json.RootElement.GetProperty("ports")[0].GetProperty("port").GetInt32());
        Assert.Equal(1, CliRun.Of("can-reach", "shop/web", "payments.shop", Base).ExitCode);
    }

    [Fact]
    public void An_external_host_or_a_missing_service_is_bad_input()
    {
        var external = CliRun.Of("can-reach", "shop/web", "https://api.github.com", Head);
        Assert.Equal(2, external.ExitCode);
        Assert.StartsWith("policylint: 'https://api.github.com' is not the name of a Service in the cluster", external.Error);

        var missing = CliRun.Of("can-reach", "shop/web", "http://billing.shop", Head);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("policylint: 'http://billing.shop' names Service shop/billing, which is not in the input", missing.Error);
    }

    [Fact]
    public void A_port_the_service_does_not_have_is_bad_input()
    {
        var run = CliRun.Of("can-reach", "shop/web", "orders.shop:9999", Head);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("policylint: Service shop/orders has no port 9999 (its ports: 8080/TCP)\n", run.Error);
    }

    [Fact]
    public void Workload_names_and_addresses_keep_their_meaning()
    {
        Assert.Equal(1, CliRun.Of("can-reach", "shop/web", "shop/orders", Head, "--port", "8080").ExitCode);
        Assert.Contains("[External]", CliRun.Of("can-reach", "shop/web", "10.0.0.1", Head).Out);
    }
}
