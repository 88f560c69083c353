using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Tests.Sets;

/// <summary>
/// FsCheck generators that hit the interesting edges: ranges near 1 and 65535, adjacent and
/// overlapping ranges, named ports, IPv4 and IPv6 ranges near the ends of the space.
/// </summary>
public static class SetGenerators
{
    private static readonly Gen<int> Port = Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(65500, 65535), Gen.Elements(1, 2, 80, 443, 65534, 65535));

    private static readonly Gen<PortRange> Range =
        from a in Port
        from length in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 20), Gen.Constant(65534))
        select new PortRange(a, Math.Min(65535, a + length));

    public static Gen<PortSet> PortSets { get; } =
        from ranges in Gen.ListOf(Range, 4)
        from count in Gen.Choose(0, 4)
        from names in Gen.SubListOf(new[] { "http", "dns", "metrics" })
        select PortSet.FromRanges(ranges.Take(count)).Union(PortSet.Named([.. names]));

    public static Gen<ConnectionSet> ConnectionSets { get; } =
        from tcp in PortSets
        from udp in Gen.OneOf(PortSets, Gen.Constant(PortSet.All), Gen.Constant(PortSet.Empty))
        from sctp in Gen.OneOf(PortSets, Gen.Constant(PortSet.All), Gen.Constant(PortSet.Empty))
        from shortcut in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        select shortcut switch
        {
            1 => ConnectionSet.All,
            2 => ConnectionSet.Empty,
            _ => ConnectionSet.Create(tcp, udp, sctp),
        };

    private static readonly Gen<UInt128> V4Address = Gen.OneOf(
        Gen.Choose(0, 64).Select(i => (UInt128)(uint)i),
        Gen.Choose(0, 64).Select(i => (UInt128)(uint.MaxValue - (uint)i)),
        Gen.Choose(0, int.MaxValue).Select(i => (UInt128)(uint)i));

    private static readonly Gen<IpRange> IpRanges = Gen.OneOf(
        from a in V4Address
        from b in V4Address
        select new IpRange(IpFamily.V4, UInt128.Min(a, b), UInt128.Max(a, b)),
        from a in Gen.Choose(0, 64)
        from length in Gen.Choose(0, 64)
        from high in Gen.Elements(true, false)
        select high
            ? new IpRange(IpFamily.V6, UInt128.MaxValue - (UInt128)(a + length), UInt128.MaxValue - (UInt128)a)
            : new IpRange(IpFamily.V6, (UInt128)a, (UInt128)(a + length)));

    public static Gen<IpSet> IpSets { get; } =
        from count in Gen.Choose(0, 4)
        from ranges in Gen.ListOf(IpRanges, 4)
        select IpSet.FromRanges(ranges.Take(count));
}
