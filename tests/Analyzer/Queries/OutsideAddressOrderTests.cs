using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Queries;

/// <summary>
/// docs/report-json.md, "Outside peers": the outside peers of a workload "that allow the same
/// connections are one peer" listing the union of their ranges. The listing reads that union off
/// the ranges numbered in address order (<see cref="OutsideAddressOrder"/>) instead of sorting
/// each group; on random peers (overlapping, adjacent, several ranges each, both families, none)
/// it must be exactly the set union.
/// </summary>
public sealed class OutsideAddressOrderTests
{
    [Fact]
    public void The_union_read_in_address_order_is_the_union_of_the_sets()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var peers = Enumerable.Range(0, random.Next(1, 40)).Select(_ => new ExternalPeer(RandomSet(random))).ToList();
            var order = new OutsideAddressOrder(peers);
            for (var trial = 0; trial < 5; trial++)
            {
                var group = Enumerable.Range(0, peers.Count).Where(_ => random.Next(3) == 0).ToList();
                var expected = group.Aggregate(IpSet.Empty, (union, p) => union.Union(peers[p].Addresses));
                Assert.Equal(expected.ToString(), order.UnionOf(group).ToString());
                Assert.Equal(expected, order.UnionOf(group));
            }
        }
    }

    [Fact]
    public void Adjacent_ranges_of_different_peers_and_the_ends_of_the_address_space_are_joined()
    {
        var low = new ExternalPeer(IpSet.Of(Cidr("0.0.0.0/1")));
        var high = new ExternalPeer(IpSet.Of(Cidr("128.0.0.0/1")));
        var v6 = new ExternalPeer(IpSet.AllV6);
        var order = new OutsideAddressOrder([v6, high, low]);
        Assert.Equal(IpSet.All, order.UnionOf([1, 0, 2]));
        Assert.Equal(IpSet.AllV4, order.UnionOf([1, 2]));
    }

    private static IpSet RandomSet(Random random)
    {
        var ranges = new List<IpRange>();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            if (random.Next(6) == 0)
            {
                var start = (UInt128)random.NextInt64() << 64;
                ranges.Add(new IpRange(IpFamily.V6, start, start + (UInt128)random.Next(0, 1000)));
                continue;
            }
            // a small space, so that ranges often overlap or touch; now and then the last address
            var first = random.Next(8) == 0 ? uint.MaxValue - (uint)random.Next(0, 40) : (uint)random.Next(0, 200);
            var last = Math.Min(uint.MaxValue, (ulong)first + (ulong)random.Next(0, 30));
            ranges.Add(new IpRange(IpFamily.V4, first, last));
        }
        return IpSet.FromRanges(ranges);
    }

    private static Cidr Cidr(string text) => PolicyLint.Analyzer.Model.Cidr.Parse(text).Cidr!;
}
