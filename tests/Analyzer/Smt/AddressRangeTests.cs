using System.Numerics;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Analyzer.Tests.Smt;

public sealed class AddressRangeTests
{
    [Fact]
    public void Cidr_becomes_an_inclusive_range_ignoring_host_bits()
    {
        Assert.True(AddressRange.TryParseCidr("10.1.2.3/16", out var range));
        Assert.False(range.IsV6);
        Assert.Equal(new BigInteger(0x0A010000), range.First);
        Assert.Equal(new BigInteger(0x0A01FFFF), range.Last);
    }

    [Fact]
    public void Ipv6_cidr_uses_128_bits()
    {
        Assert.True(AddressRange.TryParseCidr("::/0", out var all));
        Assert.True(all.IsV6);
        Assert.Equal(BigInteger.Zero, all.First);
        Assert.Equal((BigInteger.One << 128) - 1, all.Last);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("nonsense/8")]
    public void Invalid_cidr_is_rejected(string text) => Assert.False(AddressRange.TryParseCidr(text, out _));

    [Theory]
    [InlineData("192.0.2.1", false)]
    [InlineData("2001:db8::1", true)]
    public void Address_round_trips(string text, bool isV6)
    {
        Assert.True(AddressRange.TryParseAddress(text, out var v6, out var value));
        Assert.Equal(isV6, v6);
        Assert.Equal(text, AddressRange.ToText(v6, value));
    }
}
