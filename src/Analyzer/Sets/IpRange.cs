using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Sets;

/// <summary>
/// An inclusive range of addresses of one family. Addresses are unsigned integers (IPv4 in the
/// low 32 bits) so that both families share one interval algebra.
/// </summary>
public readonly record struct IpRange(IpFamily Family, UInt128 Start, UInt128 End)
{
    public static readonly UInt128 MaxV4 = uint.MaxValue;
    public static readonly UInt128 MaxV6 = UInt128.MaxValue;

    public static IpRange AllV4 { get; } = new(IpFamily.V4, UInt128.Zero, MaxV4);
    public static IpRange AllV6 { get; } = new(IpFamily.V6, UInt128.Zero, MaxV6);

    public static UInt128 MaxOf(IpFamily family) => family == IpFamily.V4 ? MaxV4 : MaxV6;

    public bool Contains(IpFamily family, UInt128 address) => family == Family && address >= Start && address <= End;

    /// <summary><c>10.0.0.0-10.255.255.255</c>, the form of the connlist grammar.</summary>
    public override string ToString() => $"{FormatAddress(Family, Start)}-{FormatAddress(Family, End)}";

    public static IpRange Of(Cidr cidr) => new(cidr.Family, cidr.Address, cidr.Last);

    public static string FormatAddress(IpFamily family, UInt128 address) => IpAddressText.Format(family, address);

    public static bool TryParseAddress(string text, out IpFamily family, out UInt128 address) =>
        IpAddressText.TryParse(text, out family, out address);
}
