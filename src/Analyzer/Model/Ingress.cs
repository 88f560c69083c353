using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>A backend Service and port (by number or by name) of an Ingress or Route.</summary>
public sealed record ServiceBackend(string ServiceName, PortRef? Port, SourceSpan Span);

public sealed record IngressPath(string? Path, string? PathType, ServiceBackend? Backend, SourceSpan Span);

public sealed record IngressRule(string? Host, ImmutableArray<IngressPath> Paths, SourceSpan Span);

public sealed record IngressTls(ImmutableArray<string> Hosts, string? SecretName, SourceSpan Span);

/// <summary>A networking.k8s.io/v1 Ingress. Resource backends are not modelled (Backend is null).</summary>
public sealed record Ingress(
    ObjectMeta Meta,
    string? IngressClassName,
    ServiceBackend? DefaultBackend,
    ImmutableArray<IngressRule> Rules,
    ImmutableArray<IngressTls> Tls) : IManifestObject
{
    public IEnumerable<ServiceBackend> Backends =>
        (DefaultBackend is null ? [] : new[] { DefaultBackend })
            .Concat(Rules.SelectMany(r => r.Paths).Select(p => p.Backend).OfType<ServiceBackend>());
}

/// <summary>
/// An OpenShift route.openshift.io/v1 Route: spec.to and spec.alternateBackends (Services),
/// spec.port.targetPort (name or number of the Service's target port), TLS when spec.tls is set.
/// </summary>
public sealed record Route(
    ObjectMeta Meta,
    string? Host,
    string? Path,
    ImmutableArray<ServiceBackend> Backends,
    PortRef? TargetPort,
    bool Tls) : IManifestObject;
