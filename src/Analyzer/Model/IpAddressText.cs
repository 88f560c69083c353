using System.Net;
using System.Net.Sockets;

namespace PolicyLint.Analyzer.Model;

public enum IpFamily
{
    V4,
    V6,
}

/// <summary>
/// Addresses as unsigned integers (IPv4 in the low 32 bits) so that both families share one
/// interval algebra, parsed and printed the way the API server reads them.
/// </summary>
public static class IpAddressText
{
    public static int Width(IpFamily family) => family == IpFamily.V4 ? 32 : 128;

    /// <summary>
    /// IPv4 strictly as four dotted decimals (no shorthand such as <c>10.1</c>, which .NET would
    /// accept and the API server would not), IPv6 in any RFC 4291 text form without a zone.
    /// </summary>
    public static bool TryParse(string text, out IpFamily family, out UInt128 address)
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
        var octets = 0;
        foreach (var part in text.Split('.'))
        {
            if (octets == 4 || part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return false;
            var octet = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (octet > 255) return false;
            address = (address << 8) | (uint)octet;
            octets++;
        }
        return octets == 4;
    }

    public static string Format(IpFamily family, UInt128 address)
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
}
