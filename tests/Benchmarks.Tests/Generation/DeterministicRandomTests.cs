using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Tests.Generation;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void The_sequence_is_fixed_by_the_seed()
    {
        // SplitMix64's published first output for seed 0; pins the generator across runtimes.
        Assert.Equal(0xE220A8397B1DCDAFUL, new DeterministicRandom(0).NextULong());
    }

    [Fact]
    public void Spread_keeps_the_total_and_the_minimum()
    {
        var parts = new DeterministicRandom(5).Spread(total: 5_400, count: 2_000, minimum: 1);

        Assert.Equal(5_400, parts.Sum());
        Assert.All(parts, p => Assert.True(p >= 1));
    }

    [Fact]
    public void Subset_is_sorted_distinct_and_of_the_asked_size()
    {
        var subset = new DeterministicRandom(9).Subset(100, 30);

        Assert.Equal(30, subset.Distinct().Count());
        Assert.Equal(subset.Order(), subset);
        Assert.All(subset, i => Assert.InRange(i, 0, 99));
    }
}
