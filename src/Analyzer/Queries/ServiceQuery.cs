using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>How many backends of a Service port accept a source: all, some or none.</summary>
public enum BackendCoverage
{
    None,
    Some,
    All,
}

/// <summary>
/// Whether one backend accepts a source on a Service port: Accepts when the policies allow the
/// source to the backend on the port's protocol and one of its resolved target ports (an
/// unresolved target port accepts nothing). Explanation is the engine's reasoning for the pair,
/// present when the question was asked pair by pair (can-reach), null in the report's view.
/// </summary>
public sealed record BackendVerdict(
    ServiceBackendTarget Target,
    bool Accepts,
    PairExplanation? Explanation = null)
{
    public string BackendId => Target.Id;
}

/// <summary>What one source gets from one Service port: the verdict of every backend.</summary>
public sealed record ServiceAccess(Peer Source, Service Service, ServicePort Port, ImmutableArray<BackendVerdict> Backends)
{
    public BackendCoverage Coverage => ServiceQuery.CoverageOf(Backends);

    /// <summary>Reachable when at least one backend accepts: the Service then answers, from some replica.</summary>
    public bool Reachable => Coverage != BackendCoverage.None;
}

/// <summary>
/// One Service port in the report's Service view: its backends and every source that at least
/// one backend accepts (ordinal by source id). A source that no backend accepts is left out.
/// </summary>
public sealed record ServicePortView(
    Service Service,
    ServicePort Port,
    ImmutableArray<ServiceBackendTarget> Backends,
    ImmutableArray<ServiceAccess> Clients);

/// <summary>
/// "Can W reach Service S on port P": policies apply to pod traffic after the Service address
/// is translated, so it is, for each backend, whether the engine allows W to the backend on
/// (protocol, resolved target port).
/// </summary>
public static class ServiceQuery
{
    /// <summary>The pair question for one Service port, asked backend by backend (no matrix).</summary>
    public static ServiceAccess CanReach(ReachabilityEngine engine, ServiceCatalog catalog, Peer source, Service service, ServicePort port)
    {
        var verdicts = ImmutableArray.CreateBuilder<BackendVerdict>();
        foreach (var target in catalog.Targets(service, port, engine.PeersOf))
        {
            var explanation = engine.Explain(source, target.Backend);
            verdicts.Add(new BackendVerdict(target, Accepts(explanation.Allowed, port.Protocol, target.TargetPorts), explanation));
        }
        return new ServiceAccess(source, service, port, verdicts.ToImmutable());
    }

    /// <summary>
    /// Every port of every Service that has backends, with the sources the connectivity says
    /// may reach them. Uses the connections already computed (no pair is evaluated again);
    /// with a focused connectivity only the focused pairs are seen.
    /// A backend's own pods are not listed as its clients (the connectivity has no self pairs).
    /// </summary>
    public static ImmutableArray<ServicePortView> View(ServiceCatalog catalog, ConnectivityReport connectivity)
    {
        var incoming = new IncomingConnections(connectivity);
        var parts = new Dictionary<Workload, ImmutableArray<WorkloadPeer>>(ReferenceEqualityComparer.Instance);
        foreach (var part in connectivity.Peers.OfType<WorkloadPeer>().Where(p => p.IsPart))
        {
            parts[part.Workload] = parts.GetValueOrDefault(part.Workload, []).Add(part);
        }
        var views = ImmutableArray.CreateBuilder<ServicePortView>();
        foreach (var service in catalog.Services.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            foreach (var port in service.Ports)
            {
                var targets = catalog.Targets(service, port, w => parts.GetValueOrDefault(w, []));
                if (targets.IsEmpty) continue;
                views.Add(new ServicePortView(service, port, targets, Clients(service, port, targets, incoming)));
            }
        }
        return views.ToImmutable();
    }

    public static bool Accepts(ConnectionSet allowed, Protocol protocol, ImmutableArray<int> targetPorts)
    {
        foreach (var number in targetPorts)
        {
            if (allowed.Contains(protocol, number)) return true;
        }
        return false;
    }

    public static BackendCoverage CoverageOf(ImmutableArray<BackendVerdict> verdicts)
    {
        var accepting = verdicts.Count(v => v.Accepts);
        if (accepting == 0) return BackendCoverage.None;
        return accepting == verdicts.Length ? BackendCoverage.All : BackendCoverage.Some;
    }

    private static ImmutableArray<ServiceAccess> Clients(
        Service service, ServicePort port, ImmutableArray<ServiceBackendTarget> targets, IncomingConnections incoming)
    {
        var bySource = new SortedDictionary<string, (Peer Source, Dictionary<string, ConnectionSet> Allowed)>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            foreach (var (source, connections) in incoming.Into(target))
            {
                if (!bySource.TryGetValue(source.Id, out var entry))
                {
                    entry = (source, new Dictionary<string, ConnectionSet>(StringComparer.Ordinal));
                    bySource[source.Id] = entry;
                }
                entry.Allowed[target.Id] = connections;
            }
        }
        var clients = ImmutableArray.CreateBuilder<ServiceAccess>();
        foreach (var (_, (source, allowed)) in bySource)
        {
            ImmutableArray<BackendVerdict> verdicts =
            [
                .. targets.Select(t => new BackendVerdict(t,
                    allowed.TryGetValue(t.Id, out var set) && Accepts(set, port.Protocol, t.TargetPorts))),
            ];
            var access = new ServiceAccess(source, service, port, verdicts);
            if (access.Reachable) clients.Add(access);
        }
        return clients.ToImmutable();
    }

    /// <summary>
    /// The connections into a backend: by its id for a workload (from inside the cluster, and from
    /// each outside range); for an outside address (an Endpoints address that is no pod), the
    /// connections to the outside range holding it. Outside ranges are read off each workload's
    /// groups (<see cref="OutsideConnection"/>), range by range, without a connection object each.
    /// </summary>
    private sealed class IncomingConnections(ConnectivityReport connectivity)
    {
        private readonly ILookup<string, PeerConnection> _inside = connectivity.Inside.ToLookup(c => c.Destination.Id, StringComparer.Ordinal);
        private readonly ILookup<string, OutsideConnection> _fromOutside = connectivity.Outside
            .Where(o => o.Direction == PolicyDirections.Ingress).ToLookup(o => o.Workload.Id, StringComparer.Ordinal);
        private readonly ImmutableArray<OutsideConnection> _toOutside = [.. connectivity.Outside.Where(o => o.Direction == PolicyDirections.Egress)];

        public IEnumerable<(Peer Source, ConnectionSet Connections)> Into(ServiceBackendTarget target) =>
            target.Backend is ExternalPeer address
                ? _toOutside.SelectMany(o => o.Ranges.Where(range => address.Addresses.IsSubsetOf(range.Addresses)).Select(_ => ((Peer)o.Workload, o.Connections)))
                : _inside[target.Id].Select(c => (c.Source, c.Connections))
                    .Concat(_fromOutside[target.Id].SelectMany(o => o.Ranges.Select(range => ((Peer)range, o.Connections))));
    }
}
