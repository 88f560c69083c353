using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Address sets for exposure: "the internet" is every address minus the ranges that are not
/// routed on the public internet (IPv4: 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10 carrier-grade NAT,
/// 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16; IPv6: ::1/128, fc00::/7,
/// fe80::/10). Private ranges are where nodes, VPNs and peered networks usually live, so a
/// policy that admits only them does not expose a backend to the internet.
/// </summary>
public static class OutsideAddresses
{
    private static readonly string[] NotInternet =
    [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
        "::1/128", "fc00::/7", "fe80::/10",
    ];

    public static IpSet Private { get; } = Parse(NotInternet);

    public static IpSet Internet { get; } = IpSet.All.Subtract(Private);

    /// <summary>The union of the CIDRs that parse; the loader reports the others.</summary>
    public static IpSet Parse(IEnumerable<string> cidrs)
    {
        var set = IpSet.Empty;
        foreach (var text in cidrs)
        {
            if (Cidr.TryParse(text, out var cidr)) set = set.Union(IpSet.Of(cidr));
        }
        return set;
    }
}
