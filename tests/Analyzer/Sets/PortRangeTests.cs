using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Sets;

public class PortRangeTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 65536)]
    [InlineData(10, 9)]
    [InlineData(-5, 3)]
    public void Rejects_ranges_outside_1_to_65535_or_reversed(int start, int end)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PortRange(start, end));
    }

    [Fact]
    public void Prints_single_ports_without_a_dash()
    {
        Assert.Equal("80", PortRange.Single(80).ToString());
        Assert.Equal("1-65535", PortRange.All.ToString());
    }

    [Fact]
    public void Counts_and_contains_inclusively()
    {
        var range = new PortRange(10, 12);
        Assert.Equal(3, range.Count);
        Assert.True(range.Contains(10));
        Assert.True(range.Contains(12));
        Assert.False(range.Contains(13));
        Assert.False(range.Contains(9));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(65535, true)]
    [InlineData(65536, false)]
    public void Knows_valid_ports(int port, bool valid) => Assert.Equal(valid, PortRange.IsValidPort(port));
}
