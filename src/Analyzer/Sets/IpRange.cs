using System.Net;
using System.Net.Sockets;

namespace PolicyLint.Analyzer.Sets;

public enum IpFamily
{
    V4,
    V6,
}

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

    public static string FormatAddress(IpFamily family, UInt128 address)
    {
        if (family == IpFamily.V4)
        {
            var value = (uint)address;
            return $"{value >> 24}.{(value >> 16) & 0xff}.{(value >> 8) & 0xff}.{value & 0xff}";
        }
        var bytes = new byte[16];
        for (var i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)(address & 0xff);
            address >>= 8;
        }
        return new IPAddress(bytes).ToString();
    }

    /// <summary>
    /// Parses a plain address: IPv4 strictly as four dotted decimals (no shorthand such as
    /// <c>10.1</c>, which .NET would accept and the API server would not), IPv6 in any RFC 4291
    /// text form without a zone.
    /// </summary>
    public static bool TryParseAddress(string text, out IpFamily family, out UInt128 address)
    {
        family = IpFamily.V4;
        address = UInt128.Zero;
        if (text.Contains('%')) return false;
        if (text.Contains(':'))
        {
            if (!IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6) return false;
            family = IpFamily.V6;
            foreach (var b in v6.GetAddressBytes()) address = (address << 8) | b;
            return true;
        }
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return false;
            var octet = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (octet > 255) return false;
            address = (address << 8) | (uint)octet;
        }
        return true;
    }
}
