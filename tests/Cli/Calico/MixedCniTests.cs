namespace PolicyLint.Cli.Tests.Calico;

/// <summary>
/// testdata/cni as a whole holds Calico and Cilium policies. A cluster runs one network plugin,
/// so such an input cannot be exact for both; the report must say how it was read
/// (docs/calico.md, "Calico and Cilium in one input"), never leave it silent.
/// </summary>
public class MixedCniTests
{
    [Fact]
    public void A_report_of_calico_and_cilium_together_says_how_it_reads_them()
    {
        var run = CliRun.Of("report", "testdata/cni");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Calico and Cilium policies in one input: the Calico tier walk decides and Cilium contributes only its deny rules", run.Out);
    }

    [Fact]
    public void Each_demo_alone_carries_no_such_note()
    {
        Assert.DoesNotContain("Calico and Cilium policies in one input", CliRun.Of("report", "testdata/cni/calico").Out);
        Assert.DoesNotContain("Calico and Cilium policies in one input", CliRun.Of("report", "testdata/cni/cilium").Out);
    }
}
