using PolicyLint.Benchmarks.Harness;

namespace PolicyLint.Benchmarks.Tests.Harness;

public sealed class RedundancyDocumentTests
{
    private static SizeResult Size(string name, params Measurement[] measurements) => new(
        name, 1, 3,
        new MachineInfo(2, 23.5, 23.5, ".NET 10", "Linux", "2026-01-01 00:00 UTC", "workstation"),
        new ClusterCounts(1, 1_048_576, 20, 200, 540, 30, 100, 134, 14),
        ["CheckAllRules(AnyPod), every rule: 84 rules checked, 14 redundant (Covered 14)", "machine load average (1 min) at start 8.2, at end 8.1 on 2 cores"],
        [.. measurements],
        new Dictionary<string, double> { ["rules"] = 84, ["policies"] = 100 },
        StoppedBy: null);

    private static Measurement Cpu(string phase, double ms) => Measurement.Of($"{phase}: CPU time", "ms", [ms, ms * 2, ms / 2]);

    [Fact]
    public void Phases_are_listed_by_their_share_of_the_cpu_time_largest_first()
    {
        var text = RedundancyDocument.Render([Size("R100",
            Cpu(RedundancyMeasurements.Scoped, 400),
            Cpu(RedundancyMeasurements.ScopedOneThread, 600))]);

        Assert.Contains($"- R100: {RedundancyMeasurements.ScopedOneThread} 60%, {RedundancyMeasurements.Scoped} 40%\n", text);
        Assert.Contains($"| {RedundancyMeasurements.Scoped}: CPU time | ms | 400 [200 – 800] |", text);
        Assert.Contains("- R100 (84 NetworkPolicy rules): CheckAllRules(AnyPod), every rule: 84 rules checked, 14 redundant (Covered 14); machine load average", text);
        Assert.Contains("CPU time is the figure to compare", text);
    }

    [Fact]
    public void A_phase_that_did_not_finish_is_n_a_and_the_share_says_so()
    {
        var text = RedundancyDocument.Render([Size("R1000",
            Cpu(RedundancyMeasurements.Scoped, 100),
            Measurement.NotAvailable($"{RedundancyMeasurements.ScopedOneThread}: time", "ms", "did not finish within the budget of 600 s"))]);

        Assert.Contains("n/a (not available: did not finish within the budget of 600 s)", text);
        Assert.Contains($"- R1000: {RedundancyMeasurements.Scoped} 100% (not every phase finished)", text);
    }
}
