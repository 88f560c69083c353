using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Reads <c>Endpoints</c> (v1) and <c>EndpointSlice</c> (discovery.k8s.io/v1) into
/// <see cref="ServiceEndpoints"/>, refusing what the API server refuses: an address that is no
/// IP (or not of the slice's addressType), an addressType other than IPv4, IPv6 or FQDN, an
/// endpoint without addresses, a port outside 1-65535, an unknown protocol. Addresses that are
/// not ready (Endpoints notReadyAddresses, a slice endpoint with conditions.ready false) receive
/// no Service traffic and are left out.
/// </summary>
internal static class EndpointsReader
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    public static ServiceEndpoints ReadEndpoints(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var path = FieldPath.Root.Field("subsets");
        var addresses = ImmutableArray.CreateBuilder<string>();
        var ports = ImmutableArray.CreateBuilder<EndpointPort>();
        if (r.Sequence(root.Get("subsets"), path) is { } subsets)
        {
            for (var i = 0; i < subsets.Count; i++)
            {
                var subsetPath = path.At(i);
                if (r.Mapping(subsets.Items[i], subsetPath) is not { } subset) continue;
                ReadEndpointsAddresses(r, subset.Get("addresses"), subsetPath.Field("addresses"), addresses);
                ReadEndpointsAddresses(r, subset.Get("notReadyAddresses"), subsetPath.Field("notReadyAddresses"), into: null);
                ReadPorts(r, subset.Get("ports"), subsetPath.Field("ports"), portRequired: true, ports);
            }
        }
        return new ServiceEndpoints(meta, meta.Name, addresses.ToImmutable(), ports.ToImmutable());
    }

    /// <summary>Null for a slice without the service-name label: it belongs to no Service.</summary>
    public static ServiceEndpoints? ReadEndpointSlice(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var typePath = FieldPath.Root.Field("addressType");
        var typeNode = root.Get("addressType");
        var addressType = r.Text(typeNode, typePath);
        IpFamily? family = addressType switch
        {
            "IPv4" => IpFamily.V4,
            "IPv6" => IpFamily.V6,
            _ => null,
        };
        if (addressType is null)
        {
            r.Missing(root, typePath);
        }
        else if (family is null && addressType != "FQDN")
        {
            r.Error(RuleIds.InvalidObject, typeNode!, typePath, $"{ObjectReader.Quote(addressType)} is not an address type (expected IPv4, IPv6 or FQDN)");
        }
        var addresses = ImmutableArray.CreateBuilder<string>();
        var endpointsPath = FieldPath.Root.Field("endpoints");
        if (r.Sequence(root.Get("endpoints"), endpointsPath) is { } endpoints)
        {
            for (var i = 0; i < endpoints.Count; i++)
            {
                if (r.Mapping(endpoints.Items[i], endpointsPath.At(i)) is { } endpoint)
                {
                    ReadSliceEndpoint(r, endpoint, endpointsPath.At(i), family, addressType == "FQDN", addresses);
                }
            }
        }
        var ports = ImmutableArray.CreateBuilder<EndpointPort>();
        ReadPorts(r, root.Get("ports"), FieldPath.Root.Field("ports"), portRequired: false, ports);
        if (!meta.Labels.TryGetValue(ServiceNameLabel, out var service) || service.Length == 0) return null;
        return new ServiceEndpoints(meta, service, addresses.ToImmutable(), ports.ToImmutable());
    }

    private static void ReadSliceEndpoint(ObjectReader r, YamlMapping endpoint, FieldPath path, IpFamily? family, bool fqdn, ImmutableArray<string>.Builder into)
    {
        var listPath = path.Field("addresses");
        var list = r.Sequence(endpoint.Get("addresses"), listPath);
        if (list is null || list.Count == 0)
        {
            r.Error(RuleIds.InvalidObject, list ?? (YamlNode)endpoint, listPath, "required: an endpoint has at least one address");
            return;
        }
        var ready = r.Mapping(endpoint.Get("conditions"), path.Field("conditions")) is not { } conditions
            || r.Boolean(conditions.Get("ready"), path.Field("conditions").Field("ready")) != false;
        for (var i = 0; i < list.Count; i++)
        {
            if (r.Text(list.Items[i], listPath.At(i)) is not { } text) continue;
            if (fqdn)
            {
                if (!LabelSyntax.IsDnsSubdomain(text)) r.Error(RuleIds.InvalidObject, list.Items[i], listPath.At(i), $"{ObjectReader.Quote(text)} is not a valid FQDN");
                continue;
            }
            if (!IpAddressText.TryParse(text, out var actual, out _))
            {
                r.Error(RuleIds.InvalidObject, list.Items[i], listPath.At(i), $"{ObjectReader.Quote(text)} is not a valid IP address");
            }
            else if (SpecialAddress(text) is { } special)
            {
                r.Error(RuleIds.InvalidObject, list.Items[i], listPath.At(i), $"{ObjectReader.Quote(text)} is {special}, which an endpoint may not be");
            }
            else if (family is { } expected && actual != expected)
            {
                r.Error(RuleIds.InvalidObject, list.Items[i], listPath.At(i), $"{ObjectReader.Quote(text)} is not an {(expected == IpFamily.V4 ? "IPv4" : "IPv6")} address, as addressType says");
            }
            else if (ready && !into.Contains(text))
            {
                into.Add(text);
            }
        }
    }

    /// <summary>subsets[].addresses[].ip (required, an IP address); into null reads and checks only.</summary>
    private static void ReadEndpointsAddresses(ObjectReader r, YamlNode? node, FieldPath path, ImmutableArray<string>.Builder? into)
    {
        if (r.Sequence(node, path) is not { } list) return;
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(list.Items[i], itemPath) is not { } address) continue;
            var ip = r.Text(address.Get("ip"), itemPath.Field("ip"));
            if (ip is null)
            {
                r.Missing(address, itemPath.Field("ip"));
            }
            else if (!IpAddressText.TryParse(ip, out _, out _))
            {
                r.Error(RuleIds.InvalidObject, address.Get("ip")!, itemPath.Field("ip"), $"{ObjectReader.Quote(ip)} is not a valid IP address");
            }
            else if (SpecialAddress(ip) is { } special)
            {
                r.Error(RuleIds.InvalidObject, address.Get("ip")!, itemPath.Field("ip"), $"{ObjectReader.Quote(ip)} is {special}, which an endpoint may not be");
            }
            else if (into is not null && !into.Contains(ip))
            {
                into.Add(ip);
            }
        }
    }

    /// <summary>
    /// The API server's ValidateNonSpecialIP: an endpoint may not be unspecified, loopback,
    /// link-local or link-local multicast. Null for an ordinary address.
    /// </summary>
    private static string? SpecialAddress(string text)
    {
        var address = System.Net.IPAddress.Parse(text);
        if (address.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any)) return "unspecified";
        if (System.Net.IPAddress.IsLoopback(address)) return "a loopback address";
        var bytes = address.GetAddressBytes();
        if (bytes.Length == 4)
        {
            if (bytes[0] == 169 && bytes[1] == 254) return "a link-local address";
            if (bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0) return "a link-local multicast address";
            return null;
        }
        if (address.IsIPv6LinkLocal) return "a link-local address";
        if (bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02) return "a link-local multicast address";
        return null;
    }

    private static void ReadPorts(ObjectReader r, YamlNode? node, FieldPath path, bool portRequired, ImmutableArray<EndpointPort>.Builder into)
    {
        if (r.Sequence(node, path) is not { } list) return;
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(list.Items[i], itemPath) is not { } port) continue;
            var numberNode = port.Get("port");
            var number = r.Integer(numberNode, itemPath.Field("port"));
            if (number is null && portRequired && r.Present(numberNode) is null) r.Missing(port, itemPath.Field("port"));
            if (number is { } given) PolicyPortReader.CheckPort(r, numberNode!, itemPath.Field("port"), PortRef.Of(given));
            var name = r.Text(port.Get("name"), itemPath.Field("name"));
            var protocol = PolicyPortReader.ReadProtocol(r, port.Get("protocol"), itemPath.Field("protocol"));
            into.Add(new EndpointPort(name, number, protocol));
        }
    }
}
