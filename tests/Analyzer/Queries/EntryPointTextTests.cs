using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Queries;

public class EntryPointTextTests
{
    [Theory]
    [InlineData("10.0.0.0", "10.255.255.255", "10.0.0.0/8")]
    [InlineData("10.0.0.1", "10.0.0.6", "10.0.0.1/32,10.0.0.2/31,10.0.0.4/31,10.0.0.6/32")]
    [InlineData("0.0.0.0", "255.255.255.255", "0.0.0.0/0")]
    [InlineData("192.168.0.0", "192.168.1.255", "192.168.0.0/23")]
    public void Ranges_become_the_fewest_covering_cidrs(string start, string end, string expected)
    {
        IpAddressText.TryParse(start, out var family, out var first);
        IpAddressText.TryParse(end, out _, out var last);

        Assert.Equal(expected, string.Join(",", EntryPointText.ToCidrs(new IpRange(family, first, last))));
    }

    [Fact]
    public void The_whole_ipv6_space_is_one_block()
    {
        Assert.Equal(["::/0"], EntryPointText.ToCidrs(IpRange.AllV6));
    }

    [Fact]
    public void The_internet_excludes_private_ranges()
    {
        Assert.False(OutsideAddresses.Internet.Contains("10.1.1.1"));
        Assert.False(OutsideAddresses.Internet.Contains("192.168.1.1"));
        Assert.False(OutsideAddresses.Internet.Contains("172.20.0.1"));
        Assert.True(OutsideAddresses.Internet.Contains("172.32.0.1"));
        Assert.True(OutsideAddresses.Internet.Contains("8.8.8.8"));
        Assert.True(OutsideAddresses.Internet.Contains("2001:db8::1"));
        Assert.False(OutsideAddresses.Internet.Contains("fd00::1"));
    }

    [Fact]
    public void Long_address_sets_are_cut_after_a_few_blocks()
    {
        var text = EntryPointText.Cidrs(OutsideAddresses.Internet.Intersect(IpSet.AllV4));

        Assert.StartsWith("1.0.0.0/8, 2.0.0.0/7, 4.0.0.0/6, 8.0.0.0/7 and ", text);
        Assert.EndsWith(" more blocks", text);
    }
}
