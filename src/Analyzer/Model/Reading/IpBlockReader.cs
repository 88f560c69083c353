using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>Reads an ipBlock and validates its CIDRs: each must parse, and each except must lie strictly inside cidr.</summary>
internal static class IpBlockReader
{
    public const string Expected = "expected a.b.c.d/n or an IPv6 prefix";

    public static IpBlock? Read(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var mapping = r.Mapping(node, path);
        if (mapping is null) return null;
        var cidrNode = mapping.Get("cidr");
        var cidrText = r.Text(cidrNode, path.Field("cidr"));
        if (cidrText is null)
        {
            r.Missing(mapping, path.Field("cidr"));
            return null;
        }
        var cidr = new CidrText(cidrText, cidrNode!.Span);
        var parsed = Check(r, cidrNode, path.Field("cidr"), cidrText);
        var exceptPath = path.Field("except");
        var exceptSequence = r.Sequence(mapping.Get("except"), exceptPath);
        var except = ImmutableArray.CreateBuilder<CidrText>(exceptSequence?.Count ?? 0);
        for (var i = 0; i < (exceptSequence?.Count ?? 0); i++)
        {
            var itemNode = exceptSequence!.Items[i];
            var itemPath = exceptPath.At(i);
            if (r.Text(itemNode, itemPath) is not { } text) continue;
            except.Add(new CidrText(text, itemNode.Span));
            if (Check(r, itemNode, itemPath, text) is { } inner && parsed is { } outer && !outer.StrictlyContains(inner))
            {
                r.Error(RuleIds.InvalidCidr, itemNode, itemPath,
                    $"{ObjectReader.Quote(text)} is not inside cidr {cidrText} (an except must be a strict subset of cidr)");
            }
        }
        return new IpBlock(cidr, except.DrainToImmutable(), mapping.Span);
    }

    /// <summary>Parses a CIDR, reporting <c>invalid-cidr</c> when it does not parse.</summary>
    public static Cidr? Check(ObjectReader r, YamlNode at, FieldPath path, string text)
    {
        if (Cidr.TryParse(text, out var cidr)) return cidr;
        r.Error(RuleIds.InvalidCidr, at, path, $"{ObjectReader.Quote(text)} is not a valid CIDR ({Expected})");
        return null;
    }
}
