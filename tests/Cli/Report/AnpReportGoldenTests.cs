namespace PolicyLint.Cli.Tests.Report;

/// <summary>
/// testdata/anp: web traffic into shop is passed by an AdminNetworkPolicy, then decided by the
/// NetworkPolicy of shop/api (TCP 8080 only) and, for shop/orders which no NetworkPolicy
/// selects, by the BaselineAdminNetworkPolicy (denied).
/// </summary>
public class AnpReportGoldenTests
{
    [Fact]
    public void Pass_falls_through_to_network_policies_and_to_the_baseline()
    {
        var run = CliRun.Of("report", "testdata/anp", "--format", "connlist");

        Assert.Equal("", run.Error);
        Golden.Verify(run.Out, "anp.connlist");
        Assert.Contains("web/frontend[Pod] => shop/api[Pod] : TCP 8080", run.Out);
        Assert.DoesNotContain("web/frontend[Pod] => shop/orders[Pod]", run.Out);
        Assert.DoesNotContain("monitoring/prometheus[Pod] => shop/", run.Out);
    }
}
