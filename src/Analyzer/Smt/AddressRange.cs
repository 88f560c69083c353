using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// An inclusive range of IPv4 (32-bit) or IPv6 (128-bit) addresses as unsigned integers, the
/// form the bit-vector encoding compares against. Parsed here rather than taken from Sets so
/// that the SMT engine stays an independent statement of the semantics.
/// </summary>
internal readonly record struct AddressRange(bool IsV6, BigInteger First, BigInteger Last)
{
    /// <summary>
    /// Parses "address/prefix". Host bits below the prefix are ignored, as the API server's
    /// ParseCIDR does. Returns false for anything else (the loader reports invalid CIDRs).
    /// </summary>
    public static bool TryParseCidr(string text, out AddressRange range)
    {
        range = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return false;
        if (!IPAddress.TryParse(text.AsSpan(0, slash), out var address)) return false;
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)) return false;
        var isV6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var bits = isV6 ? 128 : 32;
        if (prefix > bits) return false;
        var value = ToInteger(address);
        var hostBits = bits - prefix;
        var hostMask = (BigInteger.One << hostBits) - 1;
        var first = value & ~hostMask & ((BigInteger.One << bits) - 1);
        range = new AddressRange(isV6, first, first | hostMask);
        return true;
    }

    public static bool TryParseAddress(string text, out bool isV6, out BigInteger value)
    {
        isV6 = false;
        value = default;
        if (!IPAddress.TryParse(text, out var address)) return false;
        isV6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        value = ToInteger(address);
        return true;
    }

    public static BigInteger ToInteger(IPAddress address) =>
        new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    public static string ToText(bool isV6, BigInteger value)
    {
        var length = isV6 ? 16 : 4;
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[length];
        Array.Copy(bytes, 0, padded, length - bytes.Length, bytes.Length);
        return new IPAddress(padded).ToString();
    }
}
