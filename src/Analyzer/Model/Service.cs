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

    /// <summary>Where spec.selector stands, when given (findings about the selector point there).</summary>
    public SourceSpan? SelectorSpan { get; init; }

    /// <summary>Where spec.externalIPs stands, when given.</summary>
    public SourceSpan? ExternalIPsSpan { get; init; }
}
