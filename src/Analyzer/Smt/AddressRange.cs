using System.Numerics;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// An inclusive range of IPv4 (32-bit) or IPv6 (128-bit) addresses as unsigned integers, the
/// form the bit-vector encoding compares against. Text is parsed by the Model's parser (the
/// API server's reading), so the encoding and the loader agree on what a CIDR is.
/// </summary>
internal readonly record struct AddressRange(bool IsV6, BigInteger First, BigInteger Last)
{
    /// <summary>An ipBlock CIDR; host bits are ignored as the API server does. False for anything else.</summary>
    public static bool TryParseCidr(string text, out AddressRange range)
    {
        range = default;
        if (!Cidr.TryParse(text, out var cidr)) return false;
        range = new AddressRange(cidr.Family == IpFamily.V6, cidr.Address, cidr.Last);
        return true;
    }

    public static bool TryParseAddress(string text, out bool isV6, out BigInteger value)
    {
        var ok = IpAddressText.TryParse(text, out var family, out var address);
        isV6 = family == IpFamily.V6;
        value = address;
        return ok;
    }

    public static string ToText(bool isV6, BigInteger value) =>
        IpAddressText.Format(isV6 ? IpFamily.V6 : IpFamily.V4, (UInt128)value);
}
