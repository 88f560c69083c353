using System.Globalization;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// The phrases that report formats and lint messages share about an entry point, so both say
/// the same thing the same way: who gets through, and address sets as CIDRs.
/// </summary>
public static class EntryPointText
{
    private const int MaxBlocks = 4;

    /// <summary>Who gets through the entry point to at least one backend, as the end of "open to ...".</summary>
    public static string Sources(EntryPoint entry) => (entry.SourceSeen, entry.Openness) switch
    {
        (_, Openness.Closed) => "nobody outside the cluster",
        (SourceAddress.Unfiltered, _) => "anyone who can reach the node (NetworkPolicies do not apply to hostPort traffic)",
        (SourceAddress.IngressController, _) => "anyone the ingress controller serves",
        (SourceAddress.Node, _) when entry.Openness == Openness.Internet =>
            "any internet client (externalTrafficPolicy: Cluster rewrites the source to a node address, and the policies admit any node address)",
        (SourceAddress.Node, _) when IsAllNodeAddresses(entry) =>
            $"clients in {Cidrs(entry.Clients)} (externalTrafficPolicy: Cluster rewrites the source to a node address, and the policies admit any node address)",
        (SourceAddress.Node, _) =>
            $"any client whenever the forwarding node's address is in {Cidrs(entry.Admitted)} (externalTrafficPolicy: Cluster rewrites the source to the node's address)",
        (_, Openness.Internet) => "any internet address (externalTrafficPolicy: Local keeps the client address)",
        _ => $"{Cidrs(entry.Admitted)} (externalTrafficPolicy: Local keeps the client address)",
    };

    /// <summary><c>NodePort 30080/TCP on every node (Service edge/web port 80)</c> and the like.</summary>
    public static string Title(EntryPoint entry)
    {
        var owner = entry.ServicePort is { } port && entry.Service is { } service
            ? entry.Kind is EntryPointKind.Ingress or EntryPointKind.Route
                ? $"{entry.Object} -> Service {service.Meta.Ref.QualifiedName} port {PortName(port)}"
                : $"{entry.Object} port {PortName(port)}"
            : entry.Object.ToString();
        return $"{KindName(entry.Kind)} {entry.PortText} on {entry.Via} ({owner})";
    }

    /// <summary>NodePort, LoadBalancer, externalIP, hostPort, Ingress or Route.</summary>
    public static string KindName(EntryPointKind kind) => kind switch
    {
        EntryPointKind.NodePort => "NodePort",
        EntryPointKind.LoadBalancer => "LoadBalancer",
        EntryPointKind.ExternalIP => "externalIP",
        EntryPointKind.HostPort => "hostPort",
        EntryPointKind.Ingress => "Ingress",
        _ => "Route",
    };

    /// <summary><c>80/TCP (http)</c>, or <c>80/TCP</c> for an unnamed port.</summary>
    public static string PortName(ServicePort port)
    {
        var number = $"{port.Port}/{port.Protocol}";
        return port.Name is { Length: > 0 } name ? $"{number} ({name})" : number;
    }

    /// <summary><c>shop/web[Deployment] on 8080/TCP</c> for each accepting backend, joined by ", ".</summary>
    public static string AcceptingBackends(EntryPoint entry) =>
        string.Join(", ", entry.Backends.Where(b => b.Accepts).Select(b => $"{b.Target.Id} on {Ports(b.Target)}/{entry.Protocol}"));

    public static string Ports(ServiceBackendTarget target) =>
        string.Join(",", target.TargetPorts.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    /// <summary>An address set as CIDR blocks; past a few blocks, the first ones and how many more.</summary>
    public static string Cidrs(IpSet addresses)
    {
        if (addresses.IsEmpty) return "no address";
        if (addresses.Equals(IpSet.All)) return "0.0.0.0/0 and ::/0";
        if (addresses.Equals(IpSet.AllV4)) return "0.0.0.0/0";
        var blocks = addresses.Ranges.SelectMany(ToCidrs).ToList();
        var shown = string.Join(", ", blocks.Take(MaxBlocks));
        return blocks.Count > MaxBlocks ? $"{shown} and {blocks.Count - MaxBlocks} more blocks" : shown;
    }

    /// <summary>The fewest CIDR blocks that cover exactly the range.</summary>
    public static IEnumerable<string> ToCidrs(IpRange range)
    {
        var width = range.Family == IpFamily.V4 ? 32 : 128;
        var start = range.Start;
        while (true)
        {
            var size = 0;
            while (size < width)
            {
                var next = size + 1;
                var mask = Mask(next);
                if ((start & mask) != UInt128.Zero || start + mask > range.End || start + mask < start) break;
                size = next;
            }
            yield return $"{IpAddressText.Format(range.Family, start)}/{width - size}";
            var last = start + Mask(size);
            if (size == width || last >= range.End) yield break;
            start = last + UInt128.One;
        }
    }

    private static UInt128 Mask(int bits) => bits >= 128 ? UInt128.MaxValue : (UInt128.One << bits) - UInt128.One;

    private static bool IsAllNodeAddresses(EntryPoint entry) => entry.Admitted.Equals(entry.Considered);
}
