using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>
/// The answer to <c>can-reach SRC NAME</c> with a DNS name or URL as destination: the verdict
/// of the name read as a declared dependency of SRC (docs/dependencies.md), each backend's
/// answer on the chosen ports for <c>--explain</c>, or the problem when the name names no
/// Service of the input.
/// </summary>
public sealed record NameReachAnswer(
    DependencyVerdict? Verdict,
    ImmutableArray<ServiceAccess> Backends,
    string? Problem,
    ImmutableArray<string> Suggestions)
{
    public static NameReachAnswer Failed(string problem, ImmutableArray<string> suggestions = default) =>
        new(null, [], problem, suggestions.IsDefault ? [] : suggestions);
}

/// <summary>Reads a name as a dependency of one workload and checks it, as the dependency-blocked rule does.</summary>
public static class NameReach
{
    public static NameReachAnswer Check(ReachabilityEngine engine, ServiceCatalog catalog, WorkloadPeer client, string text, int? port, Protocol? protocol) =>
        Check(engine.Cluster, _ => engine, catalog, client, text, port, protocol);

    /// <summary>
    /// The same check with the engine asked for once the Service is known, for the pairs of the
    /// client, the Service's backends and the cluster DNS (the lazy engine, docs/architecture.md).
    /// </summary>
    public static NameReachAnswer Check(
        Cluster cluster, Func<IEnumerable<Peer>, ReachabilityEngine> engineFor, ServiceCatalog catalog, WorkloadPeer client, string text, int? port, Protocol? protocol)
    {
        var parsed = ServiceReference.Parse(text);
        var reference = parsed is null || port is null ? parsed : parsed with { Port = port };
        var namespaces = cluster.Namespaces.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var name = reference is null ? null : ServiceName.Interpret(reference, client.Workload.Namespace, ServiceName.DefaultClusterDomain,
            namespaces.Contains, (ns, n) => catalog.Find(ns, n) is not null);
        if (reference is null || name is null)
        {
            return NameReachAnswer.Failed($"'{text}' is not the name of a Service in the cluster (svc, svc.ns, svc.ns.svc, svc.ns.svc.cluster.local, optionally as a URL)");
        }
        if (catalog.Find(name.Namespace, name.Service) is not { } service)
        {
            var suggestions = PeerLookup.Closest($"{name.Namespace}/{name.Service}", catalog.Services.Select(s => s.Id));
            return NameReachAnswer.Failed($"'{text}' names Service {name}, which is not in the input", suggestions);
        }
        var (ports, choice) = DependencyExtractor.ChoosePorts(service, reference, name);
        if (protocol is { } only) ports = [.. ports.Where(p => p.Protocol == only)];
        var dependency = new DeclaredDependency(client.Workload, new DependencyDeclaration("", "DST", text, SourceSpan.None), reference, name, service, ports, choice)
        {
            DeclaringPods = client.IsPart ? client.Part : default,
        };
        var engine = engineFor(
        [
            client,
            .. catalog.Backends(service).Select(w => new WorkloadPeer(w)),
            .. service.Ports.SelectMany(p => catalog.Targets(service, p)).Select(t => t.Backend),
            .. DependencyCheck.DnsServers(catalog).Select(w => new WorkloadPeer(w)),
        ]);
        var verdict = new DependencyCheck(engine, catalog).Check(dependency);
        if (verdict.Status == DependencyStatus.Unresolved) return NameReachAnswer.Failed(string.Join("; ", verdict.Reasons));
        ImmutableArray<ServiceAccess> backends = dependency.ToPodsDirectly || dependency.Service is not { Type: not ServiceType.ExternalName } target
            ? []
            : [.. dependency.Ports.Select(p => ServiceQuery.CanReach(engine, catalog, client, target, p))];
        return new NameReachAnswer(verdict, backends, null, []);
    }
}
