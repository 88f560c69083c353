using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>
/// The variables the kubelet injects for the Services of the pod's own namespace when
/// enableServiceLinks is not false: <c>{SVC}_SERVICE_HOST</c>, <c>{SVC}_SERVICE_PORT</c>,
/// <c>{SVC}_SERVICE_PORT_{PORTNAME}</c> and the Docker-links ones (<c>{SVC}_PORT</c>,
/// <c>{SVC}_PORT_{N}_{PROTO}[_ADDR|_PORT|_PROTO]</c>). {SVC} is the name upper-cased with
/// dashes turned into underscores. Only Services with a cluster IP get them (not headless, not
/// ExternalName); a Service without spec.clusterIP in the manifest gets one when created.
/// The IP is unknown here, so the host stands as a token naming the Service (see
/// <see cref="HostToken"/>), which <see cref="ServiceReference"/> recognises.
/// </summary>
public static class ServiceLinks
{
    private const char TokenMark = '\u0001';
    private const char TokenSeparator = '\u0002';

    public static Dictionary<string, string> For(IEnumerable<Service> servicesOfNamespace)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in servicesOfNamespace)
        {
            if (service.Type == ServiceType.ExternalName || service.ClusterIP == "None" || service.Ports.IsEmpty) continue;
            var prefix = VariableName(service.Name);
            var host = HostToken(service);
            variables[prefix + "_SERVICE_HOST"] = host;
            variables[prefix + "_SERVICE_PORT"] = Number(service.Ports[0].Port);
            for (var i = 0; i < service.Ports.Length; i++)
            {
                var port = service.Ports[i];
                if (port.Name is { Length: > 0 } name) variables[$"{prefix}_SERVICE_PORT_{VariableName(name)}"] = Number(port.Port);
                var protocol = port.Protocol.ToString();
                var url = $"{protocol.ToLowerInvariant()}://{host}:{Number(port.Port)}";
                if (i == 0) variables[prefix + "_PORT"] = url;
                var portPrefix = $"{prefix}_PORT_{Number(port.Port)}_{protocol}";
                variables[portPrefix] = url;
                variables[portPrefix + "_PROTO"] = protocol.ToLowerInvariant();
                variables[portPrefix + "_PORT"] = Number(port.Port);
                variables[portPrefix + "_ADDR"] = host;
            }
        }
        return variables;
    }

    public static string VariableName(string name) => name.ToUpperInvariant().Replace('-', '_');

    /// <summary>Stands for the Service's cluster IP in expanded text; never valid in a manifest's own text.</summary>
    public static string HostToken(Service service) => $"{TokenMark}{service.Namespace}{TokenSeparator}{service.Name}{TokenMark}";

    /// <summary>The (namespace, name) a host token stands for, or null when <paramref name="host"/> is not one.</summary>
    public static (string Namespace, string Name)? ReadHostToken(string host)
    {
        if (host.Length < 3 || host[0] != TokenMark || host[^1] != TokenMark) return null;
        var slash = host.IndexOf(TokenSeparator);
        return slash < 0 ? null : (host[1..slash], host[(slash + 1)..^1]);
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
