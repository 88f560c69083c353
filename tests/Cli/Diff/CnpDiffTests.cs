namespace PolicyLint.Cli.Tests.Diff;

/// <summary>diff covers ClusterNetworkPolicies as it covers AdminNetworkPolicies.</summary>
public class CnpDiffTests
{
    [Fact]
    public void A_baseline_deny_turned_into_pass_opens_the_default_allow()
    {
        // Pass: "Skips all further ClusterNetworkPolicy rules in the current tier for the selected
        // traffic, and passes evaluation to the next tier"; after the Baseline tier, all pods can
        // communicate with each other.
        var run = CliRun.Of("diff", "testdata/diff/cnp-baseline-pass/base", "testdata/diff/cnp-baseline-pass/head");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Error);
        Golden.Verify(run.Out, "cnp-baseline-pass.text");
        Assert.Contains("+ web/frontend[Pod] => shop/api[Pod] : All Connections", run.Out);
    }
}
