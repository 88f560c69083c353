using PolicyLint.Benchmarks.Harness;

namespace PolicyLint.Benchmarks.Tests.Harness;

public sealed class HarnessTests
{
    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var m = Measurement.Of("x", "ms", [4, 1, 3, 2]);

        Assert.Equal(2.5, m.Median);
        Assert.Equal(1, m.Min);
        Assert.Equal(4, m.Max);
    }

    [Fact]
    public void An_unavailable_measurement_prints_its_reason_and_no_figure()
    {
        var m = Measurement.NotAvailable("engine", "ms", "not landed");

        Assert.False(m.IsAvailable);
        Assert.Equal("n/a (not available: not landed)", ResultsDocument.Cell(m));
    }

    [Theory]
    [InlineData(2, 2, 1.0)]
    [InlineData(2, 4, 2.0)]
    [InlineData(10, 10, 1.0)]
    public void Slope_is_the_growth_exponent(double sizeFactor, double costFactor, double expected)
    {
        Assert.Equal(expected, GrowthFit.Slope(100, 7, 100 * sizeFactor, 7 * costFactor), precision: 9);
    }

    [Fact]
    public void Command_line_reads_sizes_runs_and_seed()
    {
        var command = PolicyLint.Benchmarks.CommandLine.Parse(["--size", "S", "--size", "m", "--runs", "3", "--seed", "42"], out var error);

        Assert.Null(error);
        Assert.Equal(["S", "M"], command.Sizes.Select(s => s.Name));
        Assert.Equal(3, command.Runs);
        Assert.Equal(42UL, command.Seed);
        Assert.False(command.Generate);
    }

    [Fact]
    public void One_size_runs_measure_exactly_one_size()
    {
        var one = PolicyLint.Benchmarks.CommandLine.Parse(["--size", "M", "--one-size", "--budget", "30"], out var error);
        PolicyLint.Benchmarks.CommandLine.Parse(["--size", "S", "--size", "M", "--one-size"], out var twoSizesError);

        Assert.Null(error);
        Assert.True(one.OneSize);
        Assert.Equal(TimeSpan.FromSeconds(30), one.Budget);
        Assert.NotNull(twoSizesError);
    }

    [Fact]
    public void Render_needs_no_size()
    {
        var command = PolicyLint.Benchmarks.CommandLine.Parse(["render", "--seed", "2"], out var error);

        Assert.Null(error);
        Assert.True(command.Render);
        Assert.Equal(2UL, command.Seed);
    }

    [Fact]
    public void Generate_without_an_output_folder_is_a_usage_error()
    {
        PolicyLint.Benchmarks.CommandLine.Parse(["generate", "--size", "S"], out var error);

        Assert.NotNull(error);
    }
}
