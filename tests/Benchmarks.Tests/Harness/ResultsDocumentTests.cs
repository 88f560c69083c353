using PolicyLint.Benchmarks.Harness;

namespace PolicyLint.Benchmarks.Tests.Harness;

public sealed class ResultsDocumentTests
{
    private static SizeResult Size(string name, double classes, double matrixMs, string? note = "shared note") => new(
        name, 1, 3,
        new MachineInfo(2, 23.5, 23.5, ".NET 10", "Linux", "2026-01-01 00:00 UTC", "workstation"),
        new ClusterCounts(1, 1_048_576, 10, 20, 30, 0, 40, 5, 1),
        ["workloads: loaded 20 = generated"],
        [
            Measurement.Of("engine: matrix: CPU time", "ms", [matrixMs, matrixMs * 1.1, matrixMs * 0.9], note),
            Measurement.NotAvailable("policylint lint: wall time", "s", "no lint command"),
        ],
        new Dictionary<string, double> { ["classes"] = classes, ["MB"] = 1, ["policies"] = 40, ["pods"] = 30 },
        StoppedBy: null);

    [Fact]
    public void The_document_has_a_column_per_size_and_says_why_a_figure_is_missing()
    {
        var text = ResultsDocument.Render([Size("S", 100, 10), Size("M", 400, 160)], "growth table");

        Assert.Contains("| engine: matrix: CPU time | ms | 10.0 [9.00 – 11.0] | 160 [144 – 176] | shared note |", text);
        Assert.Contains("| policylint lint: wall time | s | n/a (not available: no lint command) | n/a (not available: no lint command) |", text);
        Assert.Contains("| S | 2 | 23.5 GB | 23.5 GB | .NET 10 |", text);
        Assert.Contains("growth table", text);
    }

    [Fact]
    public void Notes_that_differ_between_sizes_are_prefixed_with_their_size()
    {
        var text = ResultsDocument.Render([Size("S", 100, 10, "100 classes"), Size("M", 400, 160, "400 classes")], "");

        Assert.Contains("S: 100 classes; M: 400 classes", text);
    }

    [Fact]
    public void Growth_is_the_slope_between_consecutive_sizes()
    {
        // Classes x4, matrix time x16: quadratic.
        var text = GrowthFit.Describe([Size("S", 100, 10), Size("M", 400, 160)]);

        Assert.Contains("| (growth factor of the scale) | ×1.0 | ×1.0 | ×1.0 | ×4.0 |", text);
        Assert.Contains("| engine: matrix: CPU time | n/a | n/a | n/a | 2.00 |", text);
        Assert.DoesNotContain("policylint lint: wall time", text);
    }

    [Fact]
    public void Sweeps_need_the_medium_size()
    {
        Assert.StartsWith("One-factor sweeps: run", GrowthFit.DescribeSweeps(null, [Size("M-p4", 100, 10)]));
    }

    [Fact]
    public void A_size_result_survives_its_json_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            Size("S", 100, 10).Save(path);
            var read = SizeResult.TryRead(path)!;

            Assert.Equal(10, read.Find("engine: matrix: CPU time")!.Median, precision: 9);
            Assert.Equal("no lint command", read.Find("policylint lint: wall time")!.Unavailable);
            Assert.Equal(100, read.Scale["classes"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
