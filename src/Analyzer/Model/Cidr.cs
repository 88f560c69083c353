namespace PolicyLint.Analyzer.Model;

/// <summary>
/// An address block <c>address/prefix</c>, IPv4 or IPv6. Address is the network address (host
/// bits cleared); HadHostBits records that the text had host bits set (the API server accepts
/// 10.0.0.1/8 and uses the network, but it usually means a typo worth a warning).
/// </summary>
public sealed record Cidr(IpFamily Family, UInt128 Address, int PrefixLength, bool HadHostBits)
{
    public UInt128 Last => Address | HostMask(Family, PrefixLength);

    /// <summary>True when <paramref name="inner"/> is a strict subset: same family, longer prefix, inside.</summary>
    public bool StrictlyContains(Cidr inner) =>
        inner.Family == Family && inner.PrefixLength > PrefixLength && inner.Address >= Address && inner.Last <= Last;

    public override string ToString() => $"{IpAddressText.Format(Family, Address)}/{PrefixLength}";

    private static UInt128 HostMask(IpFamily family, int prefix)
    {
        var hostBits = IpAddressText.Width(family) - prefix;
        return hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - UInt128.One;
    }

    public static bool TryParse(string text, out Cidr cidr)
    {
        var result = Parse(text);
        cidr = result.Cidr!;
        return result.Success;
    }

    /// <summary>Parses <c>address/prefix</c> (the prefix is required, as for ipBlock.cidr).</summary>
    public static CidrParseResult Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0) return CidrParseResult.Fail("missing '/prefix-length'");
        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (!IpAddressText.TryParse(addressText, out var family, out var address))
        {
            return CidrParseResult.Fail($"'{addressText}' is not an IPv4 or IPv6 address");
        }
        var maxPrefix = IpAddressText.Width(family);
        if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit)
            || int.Parse(prefixText, System.Globalization.CultureInfo.InvariantCulture) is var prefix && prefix > maxPrefix)
        {
            return CidrParseResult.Fail($"prefix length '{prefixText}' is not a number from 0 to {maxPrefix}");
        }
        var network = address & ~HostMask(family, prefix);
        return CidrParseResult.Ok(new Cidr(family, network, prefix, network != address));
    }
}

/// <summary>The outcome of <see cref="Cidr.Parse"/>: a Cidr, or the reason the text is not one.</summary>
public sealed record CidrParseResult(Cidr? Cidr, string? Error)
{
    public bool Success => Cidr is not null;

    public static CidrParseResult Ok(Cidr cidr) => new(cidr, null);

    public static CidrParseResult Fail(string error) => new(null, error);
}
