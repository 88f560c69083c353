using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

public enum ServiceType
{
    ClusterIP,
    NodePort,
    LoadBalancer,
    ExternalName,
}

public enum ExternalTrafficPolicy
{
    Cluster,
    Local,
}

/// <summary>A Service port. TargetPort defaults to Port when the manifest leaves it out.</summary>
public sealed record ServicePort(
    string? Name,
    int Port,
    PortRef TargetPort,
    int? NodePort,
    Protocol Protocol,
    SourceSpan Span);

/// <summary>
/// A Service. Selector is null when the Service has none (endpoints are managed by hand);
/// an empty map is kept as empty.
/// </summary>
public sealed record Service(
    ObjectMeta Meta,
    ServiceType Type,
    Labels? Selector,
    ImmutableArray<ServicePort> Ports,
    ImmutableArray<string> ExternalIPs,
    ImmutableArray<string> LoadBalancerSourceRanges,
    ExternalTrafficPolicy ExternalTrafficPolicy,
    string? ExternalName,
    string? ClusterIP) : IManifestObject
{
    public string Namespace => Meta.Namespace;
    public string Name => Meta.Name;
    public string Id => $"{Meta.Namespace}/{Meta.Name}[Service]";

    /// <summary>Whether the Service selects pods at all: an ExternalName or an empty selector selects none.</summary>
    public bool HasSelector => Type != ServiceType.ExternalName && Selector is { Count: > 0 };

    /// <summary>Whether the selector matches these pod labels (in the Service's namespace; the caller checks that).</summary>
    public bool Selects(IReadOnlyDictionary<string, string> podLabels)
    {
        if (!HasSelector) return false;
        foreach (var (key, value) in Selector!)
        {
            if (!podLabels.TryGetValue(key, out var actual) || actual != value) return false;
        }
        return true;
    }

    /// <summary>
    /// The ports an Ingress backend names: by number the port with that port number, by name the
    /// port with that name, without a port every port. Empty when the named port does not exist.
    /// </summary>
    public ImmutableArray<ServicePort> PortsNamedByIngress(PortRef? port) => port switch
    {
        null => Ports,
        { Name: { } name } => [.. Ports.Where(p => p.Name == name)],
        { Number: { } number } => [.. Ports.Where(p => p.Port == number)],
        _ => [],
    };

    /// <summary>
    /// The ports a Route's targetPort names: by name the ports with that name (or else whose
    /// targetPort has that name), by number the ports whose targetPort or port is that number,
    /// without a targetPort every port.
    /// </summary>
    public ImmutableArray<ServicePort> PortsNamedByRoute(PortRef? port)
    {
        if (port is null) return Ports;
        if (port.Value.Name is { } name)
        {
            ImmutableArray<ServicePort> byName = [.. Ports.Where(p => p.Name == name)];
            return byName.IsEmpty ? [.. Ports.Where(p => p.TargetPort.Name == name)] : byName;
        }
        var number = port.Value.Number;
        return [.. Ports.Where(p => p.TargetPort.Number == number || p.Port == number)];
    }

    /// <summary>Where spec.selector stands, when given (findings about the selector point there).</summary>
    public SourceSpan? SelectorSpan { get; init; }

    /// <summary>Where spec.externalIPs stands, when given.</summary>
    public SourceSpan? ExternalIPsSpan { get; init; }

    /// <summary>
    /// spec.allocateLoadBalancerNodePorts (default true); only a LoadBalancer may turn it off,
    /// and then it opens no node port.
    /// </summary>
    public bool AllocateLoadBalancerNodePorts { get; init; } = true;

    /// <summary>Whether the Service opens a node port on every node: NodePort, or LoadBalancer with node ports allocated.</summary>
    public bool OpensNodePorts => Type == ServiceType.NodePort || (Type == ServiceType.LoadBalancer && AllocateLoadBalancerNodePorts);
}
