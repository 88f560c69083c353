using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// A parsed CIDR (IPv4 or IPv6), used to validate ipBlocks the way the API server does.
/// IPv4 addresses live in the low 32 bits. Host bits may be set (Kubernetes accepts
/// 10.0.0.1/8 for compatibility); Network masks them off.
/// </summary>
public readonly record struct Cidr(UInt128 Address, int PrefixLength, bool IsIPv6)
{
    public int Width => IsIPv6 ? 128 : 32;

    public UInt128 Network => PrefixLength == 0 ? UInt128.Zero : Address >> (Width - PrefixLength) << (Width - PrefixLength);

    /// <summary>True when <paramref name="inner"/> is a strict subset (same family, longer prefix, inside).</summary>
    public bool StrictlyContains(Cidr inner) =>
        inner.IsIPv6 == IsIPv6 && inner.PrefixLength > PrefixLength &&
        (PrefixLength == 0 || inner.Address >> (Width - PrefixLength) == Address >> (Width - PrefixLength));

    public static bool TryParse(string text, out Cidr cidr)
    {
        cidr = default;
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1) return false;
        var addressText = text.AsSpan(0, slash);
        var prefixText = text.AsSpan(slash + 1);
        if (!IsDigits(prefixText) || prefixText.Length > 3) return false;
        var prefix = int.Parse(prefixText, CultureInfo.InvariantCulture);
        if (addressText.Contains(':'))
        {
            if (prefix > 128 || addressText.Contains('%') || !IPAddress.TryParse(addressText, out var address)
                || address.AddressFamily != AddressFamily.InterNetworkV6) return false;
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            cidr = new Cidr(new UInt128(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..])), prefix, true);
            return true;
        }
        if (prefix > 32 || !TryParseIPv4(addressText, out var v4)) return false;
        cidr = new Cidr(v4, prefix, false);
        return true;
    }

    /// <summary>Exactly four dotted decimal octets (no shorthand like "10.1").</summary>
    public static bool TryParseIPv4(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        var octets = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (octets == 4 || part.Length is 0 or > 3 || !IsDigits(part)) return false;
            var value = int.Parse(part, CultureInfo.InvariantCulture);
            if (value > 255) return false;
            address = (address << 8) | (uint)value;
            octets++;
        }
        return octets == 4;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}
