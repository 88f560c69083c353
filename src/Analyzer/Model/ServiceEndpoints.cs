using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Model;

/// <summary>A port of an Endpoints subset or an EndpointSlice: Number is null in a slice that leaves it out (every port).</summary>
public sealed record EndpointPort(string? Name, int? Number, Protocol Protocol);

/// <summary>
/// The endpoints an <c>Endpoints</c> object or an <c>EndpointSlice</c> gives a Service (named by
/// the Endpoints' own name, or by the slice's <c>kubernetes.io/service-name</c> label): the ready
/// addresses (IPv4 or IPv6 text as written; FQDN slices hold none) and their ports. Validated as
/// the API server does on create.
/// </summary>
public sealed record ServiceEndpoints(
    ObjectMeta Meta,
    string Service,
    ImmutableArray<string> Addresses,
    ImmutableArray<EndpointPort> Ports) : IManifestObject
{
    public string Namespace => Meta.Namespace;
}
