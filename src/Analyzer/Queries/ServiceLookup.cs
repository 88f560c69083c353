using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Queries;

/// <summary>The Service a user's text names, or why none does and which names come closest.</summary>
public sealed record ServiceLookupResult(Service? Service, string? Problem, ImmutableArray<string> Suggestions);

/// <summary>
/// Resolves a Service named on the command line: <c>ns/name[Service]</c>, or <c>name[Service]</c>
/// for namespace <c>default</c>. Only text ending in <c>[Service]</c> names a Service.
/// </summary>
public static class ServiceLookup
{
    public const string Suffix = "[Service]";

    public static bool NamesService(string text) => text.EndsWith(Suffix, StringComparison.Ordinal);

    public static ServiceLookupResult Find(ServiceCatalog catalog, string text, string? defaultNamespace = null)
    {
        var name = text[..^Suffix.Length];
        var slash = name.IndexOf('/');
        var (ns, local) = slash < 0 ? (defaultNamespace ?? Namespace.Default, name) : (name[..slash], name[(slash + 1)..]);
        if (catalog.Find(ns, local) is { } service) return new ServiceLookupResult(service, null, []);
        return new ServiceLookupResult(null, $"no Service '{ns}/{local}' in the input",
            PeerLookup.Closest($"{ns}/{local}", catalog.Services.Select(s => s.Id)));
    }

    /// <summary>The ports asked about: the one with that port number (and protocol, when given), or every port of the protocol (all without one).</summary>
    public static ImmutableArray<ServicePort> Ports(Service service, Protocol? protocol, int? port) =>
    [
        .. service.Ports.Where(p => (port is null || p.Port == port) && (protocol is null || p.Protocol == protocol)),
    ];
}
