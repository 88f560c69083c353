using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Model;

public class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0-10.255.255.255")]
    [InlineData("192.168.1.7/32", "192.168.1.7-192.168.1.7")]
    [InlineData("0.0.0.0/0", "0.0.0.0-255.255.255.255")]
    [InlineData("2001:db8::/32", "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::/0", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::1/128", "::1-::1")]
    public void Parses_valid_blocks(string text, string range)
    {
        var result = Cidr.Parse(text);
        Assert.True(result.Success, result.Error);
        Assert.Equal(range, IpRange.Of(result.Cidr!).ToString());
        Assert.False(result.Cidr.HadHostBits);
    }

    [Fact]
    public void Host_bits_are_cleared_and_remembered()
    {
        var cidr = Cidr.Parse("10.1.2.3/8").Cidr!;
        Assert.True(cidr.HadHostBits);
        Assert.Equal("10.0.0.0/8", cidr.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0", "missing")]
    [InlineData("10.0.0/8", "not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.256/8", "not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("10.0.0.0/-1", "prefix length")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("fd00::/129", "prefix length")]
    [InlineData("fe80::1%eth0/64", "not an IPv4 or IPv6 address")]
    [InlineData("banana/8", "not an IPv4 or IPv6 address")]
    [InlineData("1.2.3.4/ 8", "prefix length")]
    public void Rejects_invalid_text_with_a_reason(string text, string reason)
    {
        var result = Cidr.Parse(text);
        Assert.False(result.Success);
        Assert.Null(result.Cidr);
        Assert.Contains(reason, result.Error);
    }
}
