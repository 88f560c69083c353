using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Sets;

public class IpSetTests
{
    private static Cidr Parse(string text) => Cidr.Parse(text).Cidr ?? throw new ArgumentException(text);

    [Fact]
    public void A_block_minus_its_excepts_prints_as_disjoint_ranges()
    {
        var block = IpSet.Block(Parse("10.0.0.0/8"), [Parse("10.10.0.0/16")]);
        Assert.Equal("10.0.0.0-10.9.255.255,10.11.0.0-10.255.255.255", block.ToString());
        Assert.Equal(2, block.RangeCount);
        Assert.True(block.Contains("10.9.1.1"));
        Assert.False(block.Contains("10.10.1.1"));
        Assert.False(block.Contains("not-an-ip"));
    }

    [Fact]
    public void Ranges_by_index_are_the_ranges_in_order_IPv4_first()
    {
        var set = IpSet.Block(Parse("10.0.0.0/8"), [Parse("10.10.0.0/16")])
            .Union(IpSet.Of(Parse("2001:db8::/32")))
            .Union(IpSet.Of(Parse("192.168.0.0/24")));
        var byIndex = Enumerable.Range(0, set.RangeCount).Select(set.RangeAt).ToList();
        Assert.Equal(set.Ranges, byIndex);
        Assert.Equal([IpFamily.V4, IpFamily.V4, IpFamily.V4, IpFamily.V6], byIndex.Select(r => r.Family));
    }

    [Fact]
    public void Sets_from_ranges_in_any_order_are_canonical()
    {
        // Unsorted, overlapping, adjacent, both families interleaved, and an empty range (start after end).
        var v4 = (UInt128 a, UInt128 b) => new IpRange(IpFamily.V4, a, b);
        var set = IpSet.FromRanges([v4(20, 30), new IpRange(IpFamily.V6, 5, 9), v4(0, 10), v4(11, 12), v4(25, 40), v4(50, 49)]);
        Assert.Equal([v4(0, 12), v4(20, 40), new IpRange(IpFamily.V6, 5, 9)], set.Ranges);
    }

    [Fact]
    public void The_whole_IPv4_space()
    {
        Assert.Equal("0.0.0.0-255.255.255.255", IpSet.AllV4.ToString());
        Assert.Equal(IpSet.AllV4, IpSet.Of(Parse("0.0.0.0/0")));
        Assert.False(IpSet.AllV4.HasV6);
    }

    [Fact]
    public void IPv6_uses_the_full_128_bits()
    {
        var set = IpSet.Of(Parse("fd00::/8"));
        Assert.Equal("fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", set.ToString());
        Assert.True(set.Contains("fd12::1"));
        Assert.False(set.Contains("fe00::1"));
        Assert.Equal("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", IpSet.AllV6.ToString());
        Assert.True(IpSet.AllV6.Contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }

    [Fact]
    public void Families_never_mix()
    {
        Assert.True(IpSet.AllV4.Intersect(IpSet.AllV6).IsEmpty);
        Assert.False(IpSet.AllV4.Contains("::1"));
        Assert.Equal(IpSet.AllV4, IpSet.All.Subtract(IpSet.AllV6));
    }

    [Fact]
    public void The_union_of_many_sets_at_once_is_their_union_one_by_one()
    {
        Prop.ForAll(Arb.From(SetGenerators.IpSets.ListOf().Where(l => l.Count > 0)), sets =>
                IpSet.UnionOf([.. sets]).Equals(sets.Aggregate(IpSet.Empty, (union, set) => union.Union(set))))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true));
        // out of order, adjacent blocks joined
        var union = IpSet.UnionOf([IpSet.Of(Parse("10.0.0.32/27")), IpSet.Of(Parse("10.0.0.8/29")), IpSet.Of(Parse("10.0.0.0/29")), IpSet.Of(Parse("fd00::/8"))]);
        Assert.Equal("10.0.0.0-10.0.0.15,10.0.0.32-10.0.0.63,fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", union.ToString());
        // the ends of the IPv4 space (packed into 64-bit words for the sort), one range inside another, a single address
        Assert.Equal(IpSet.AllV4, IpSet.UnionOf([IpSet.Of(Parse("128.0.0.0/1")), IpSet.Of(Parse("0.0.0.0/1"))]));
        Assert.Equal("0.0.0.0-0.255.255.255,255.255.255.255",
            IpSet.UnionOf([IpSet.Of(Parse("255.255.255.255/32")), IpSet.Of(Parse("0.0.0.0/8")), IpSet.Of(Parse("0.0.1.0/24"))]).ToCompactString());
    }

    [Fact]
    public void Obeys_the_set_algebra_laws() => AlgebraLaws.Hold(SetGenerators.IpSets,
        new AlgebraLaws.Ops<IpSet>((a, b) => a.Union(b), (a, b) => a.Intersect(b), (a, b) => a.Subtract(b), (a, b) => a.IsSubsetOf(b), a => a.IsEmpty));
}
