using System.Collections.Immutable;
using System.Globalization;

namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>
/// A value that has the shape of a network address: an optional scheme (with optional
/// userinfo), a host, an optional port, and a path only after a scheme or port. Nothing here
/// says whether the host is in the cluster; <see cref="ServiceName"/> decides that.
/// <para>
/// Never an address: text with whitespace (sentences), paths (<c>/var/run</c>), e-mail
/// addresses (an <c>@</c> without a scheme), upper-case words, numbers, durations
/// (<c>30s</c> is a label, but a single label counts only with a scheme, a port or a Service of
/// that name, see <see cref="ServiceName"/>).
/// </para>
/// </summary>
public sealed record ServiceReference(string? Scheme, string Host, int? Port)
{
    /// <summary>Whether something besides the host was written (a scheme or a port): then a single label is meant as a host.</summary>
    public bool HasAddressSyntax => Scheme is not null || Port is not null;

    /// <summary>
    /// The addresses in one value: the whole value, or each item of a comma-separated list
    /// without spaces (<c>kafka-0.kafka:9092,kafka-1.kafka:9092</c>); a command-line flag's
    /// value (<c>--upstream=http://orders:8080</c>) is read after its <c>=</c>.
    /// </summary>
    public static ImmutableArray<ServiceReference> ParseAll(string value)
    {
        var text = value.Trim();
        if (text.Length == 0 || HasWhiteSpace(text)) return [];
        if (text.StartsWith('-') && text.IndexOf('=') is var equals and > 0) text = text[(equals + 1)..];
        if (!text.Contains(',')) return Parse(text) is { } single ? [single] : [];
        var builder = ImmutableArray.CreateBuilder<ServiceReference>();
        foreach (var item in text.Split(','))
        {
            if (Parse(item) is { } reference) builder.Add(reference);
        }
        return builder.ToImmutable();
    }

    /// <summary>One address, or null when the text is not one.</summary>
    public static ServiceReference? Parse(string text)
    {
        if (text.Length == 0 || HasWhiteSpace(text)) return null;
        string? scheme = null;
        var rest = text;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = text[..schemeEnd];
            if (!IsScheme(scheme)) return null;
            rest = text[(schemeEnd + 3)..];
        }
        var pathStart = rest.IndexOfAny(['/', '?', '#']);
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            // userinfo only after a scheme: without one, a@b.c is an e-mail address.
            if (scheme is null) return null;
            authority = authority[(at + 1)..];
        }
        var host = authority;
        int? port = null;
        var colon = authority.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535) return null;
            port = number;
            host = authority[..colon];
        }
        if (pathStart >= 0 && scheme is null && port is null) return null;
        if (host.EndsWith('.')) host = host[..^1];
        if (ServiceLinks.ReadHostToken(host) is null && !IsHostName(host)) return null;
        return new ServiceReference(scheme?.ToLowerInvariant(), host, port);
    }

    /// <summary>Every env value, command word and ConfigMap value passes here: a loop, not an enumerator per value.</summary>
    private static bool HasWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) return true;
        }
        return false;
    }

    /// <summary>RFC 3986 scheme: a letter, then letters, digits, +, - or .</summary>
    private static bool IsScheme(string scheme) =>
        scheme.Length > 0 && char.IsAsciiLetter(scheme[0]) && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');

    /// <summary>Lower-case DNS labels separated by dots (what Service and namespace names are made of).</summary>
    private static bool IsHostName(string host)
    {
        if (host.Length == 0 || host.Length > 253) return false;
        foreach (var range in host.AsSpan().Split('.'))
        {
            var label = host.AsSpan()[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) return false;
            }
        }
        return true;
    }
}
