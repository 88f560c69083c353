using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// Every way into the cluster from outside, with the backends and ports each reaches and the
/// addresses admitted, most open first.
/// <para>
/// Entry points: for NodePort and LoadBalancer Services (unless allocateLoadBalancerNodePorts is
/// false), a node port per Service port (on every node, open to the internet); for LoadBalancer Services also the load balancer address (open
/// to loadBalancerSourceRanges, or the internet without them); for each externalIP a port per
/// Service port (open to the internet); each container hostPort; each Ingress and Route backend.
/// </para>
/// <para>
/// Which source the policies see: with externalTrafficPolicy Cluster (the default) the client
/// address is rewritten to the forwarding node's address, which the manifests do not give; we
/// treat it as "any node address", i.e. any address outside the pod network, and report the
/// node addresses the policies admit: if they admit all of them every client gets through,
/// otherwise clients get through only when the node's address is in the admitted ranges.
/// With Local the client address is kept: the admitted addresses are the clients (the internet,
/// or the load balancer's source ranges) that the policies admit.
/// A backend is exposed on a port when it is not isolated for ingress, or when some rule admits
/// those outside addresses on that port; the engine decides, asked with outside address ranges
/// cut at every ingress ipBlock boundary (so each range is decided as a whole), intersected with
/// the candidate sources. IPv6 is considered only when some policy names IPv6 blocks (otherwise
/// IPv6 sources fare exactly like the IPv4 ones that no block names).
/// Ingress and Route backends are exposed when the engine lets the ingress controller reach them
/// on the resolved target port (its <c>{ingress-controller}</c> peer: the ingress controller
/// workloads of the input, see <see cref="IngressControllers"/>, or the conventional pod): the
/// controller serves anyone who can reach it. hostPorts are
/// reachable on the node whatever the policies say.
/// </para>
/// <para>
/// Most open first: by <see cref="Openness"/> (unfiltered, then the whole internet, then some
/// addresses), then by the share of backends that accept, then by kind, object and port.
/// </para>
/// </summary>
public sealed class EntryPointQuery
{
    private readonly ReachabilityEngine _engine;
    private readonly ServiceCatalog _catalog;
    private readonly ImmutableArray<ExternalPeer> _atoms;
    private readonly IpSet _outside;
    private readonly Dictionary<(int Atom, string Backend), ConnectionSet> _fromAtom = new();
    private readonly Dictionary<string, ConnectionSet> _fromController = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConnectionSet[]> _fromAtoms = new(StringComparer.Ordinal);
    private readonly Dictionary<(bool NodeSeen, IpSet Candidates), IpSet[]> _pieces = new();

    private readonly ReachabilityMatrix? _matrix;

    private EntryPointQuery(ReachabilityEngine engine, ServiceCatalog catalog, ReachabilityMatrix? matrix)
    {
        _engine = engine;
        _catalog = catalog;
        _matrix = matrix;
        _atoms = engine.ExternalSources.IsDefaultOrEmpty ? [new ExternalPeer(IpSet.AllV4)] : engine.ExternalSources;
        _outside = IpSet.UnionOf([.. _atoms.Select(atom => atom.Addresses)]);
    }

    /// <summary>
    /// Every entry point, most open first (closed ones last). With the engine's
    /// <paramref name="matrix"/> already computed (a whole-cluster report), what each outside range
    /// may send to a backend is read from it instead of asked pair by pair (the same answer:
    /// the matrix is the engine's pair answer for every pair).
    /// </summary>
    public static ImmutableArray<EntryPoint> Run(ReachabilityEngine engine, ServiceCatalog? catalog = null, ReachabilityMatrix? matrix = null)
    {
        var query = new EntryPointQuery(engine, catalog ?? new ServiceCatalog(engine.Cluster), matrix);
        var entries = new List<EntryPoint>();
        foreach (var service in engine.Cluster.Services) entries.AddRange(query.ServiceEntries(service));
        foreach (var workload in engine.Cluster.Workloads) entries.AddRange(query.HostPortEntries(workload));
        foreach (var ingress in engine.Cluster.Ingresses) entries.AddRange(query.IngressEntries(ingress));
        foreach (var route in engine.Cluster.Routes) entries.AddRange(query.RouteEntries(route));
        return [.. entries.OrderByDescending(e => e.Openness)
            .ThenByDescending(e => e.Backends.IsEmpty ? 0.0 : (double)e.AcceptingBackends / e.Backends.Length)
            .ThenBy(e => e.Kind)
            .ThenBy(e => e.Object.QualifiedName, StringComparer.Ordinal)
            .ThenBy(e => e.Via, StringComparer.Ordinal)
            .ThenBy(e => e.Port ?? 0)
            .ThenBy(e => e.Span)];
    }

    private IEnumerable<EntryPoint> ServiceEntries(Service service)
    {
        if (service.Type is not (ServiceType.NodePort or ServiceType.LoadBalancer) && service.ExternalIPs.IsDefaultOrEmpty) yield break;
        var seen = service.ExternalTrafficPolicy == ExternalTrafficPolicy.Local ? SourceAddress.Client : SourceAddress.Node;
        foreach (var port in service.Ports)
        {
            if (service.OpensNodePorts)
            {
                yield return ServiceEntry(EntryPointKind.NodePort, service, port, "every node", port.NodePort, seen, OutsideAddresses.Internet);
            }
            if (service.Type == ServiceType.LoadBalancer)
            {
                var clients = service.LoadBalancerSourceRanges.IsDefaultOrEmpty
                    ? OutsideAddresses.Internet
                    : OutsideAddresses.Parse(service.LoadBalancerSourceRanges);
                yield return ServiceEntry(EntryPointKind.LoadBalancer, service, port, "the load balancer", port.Port, seen, clients);
            }
            foreach (var address in service.ExternalIPs)
            {
                yield return ServiceEntry(EntryPointKind.ExternalIP, service, port, address, port.Port, seen, OutsideAddresses.Internet);
            }
        }
    }

    private EntryPoint ServiceEntry(
        EntryPointKind kind, Service service, ServicePort port, string via, int? listening, SourceAddress seen, IpSet clients)
    {
        var candidates = seen == SourceAddress.Node ? _outside : clients.Intersect(_outside);
        // each atom's part of the candidates, once per distinct candidates rather than per entry or backend
        var pieces = Pieces(seen == SourceAddress.Node, candidates);
        ImmutableArray<ExposedBackend> backends =
        [
            .. _catalog.Targets(service, port, _engine.PeersOf).Select(t => AdmittedFromOutside(t, port.Protocol, candidates, pieces)),
        ];
        var admitted = backends.Aggregate(IpSet.Empty, (set, b) => set.Union(b.Admitted));
        var openness = admitted.IsEmpty ? Openness.Closed
            : seen == SourceAddress.Node
                ? (admitted.Equals(_outside) && OutsideAddresses.Internet.Intersect(_outside).IsSubsetOf(clients) ? Openness.Internet : Openness.SomeAddresses)
                : (OutsideAddresses.Internet.Intersect(_outside).IsSubsetOf(admitted) ? Openness.Internet : Openness.SomeAddresses);
        return new EntryPoint(kind, service.Meta.Ref, port.Span, via, port.Protocol, listening, seen, clients, candidates, service, port, backends, openness);
    }

    /// <summary>Each atom's part of the candidates (the atoms themselves when the node's address is what policies see).</summary>
    private IpSet[] Pieces(bool nodeSeen, IpSet candidates)
    {
        if (_pieces.TryGetValue((nodeSeen, candidates), out var known)) return known;
        IpSet[] pieces = nodeSeen ? [.. _atoms.Select(a => a.Addresses)] : [.. _atoms.Select(a => a.Addresses.Intersect(candidates))];
        _pieces[(nodeSeen, candidates)] = pieces;
        return pieces;
    }

    private ExposedBackend AdmittedFromOutside(ServiceBackendTarget target, Protocol protocol, IpSet candidates, IpSet[] pieces)
    {
        var admitted = IpSet.Empty;
        if (target.Resolved && target.Workload is null)
        {
            // An outside address behind the Service: the node forwards to it, no NetworkPolicy of the input applies there.
            admitted = candidates;
        }
        else if (target.Resolved)
        {
            var backend = (WorkloadPeer)target.Backend;
            // every admitted piece first, one union at the end (thousands of atoms on ipBlock-heavy input)
            var accepted = new List<IpSet>();
            var fromAtoms = FromAtoms(backend);
            for (var i = 0; i < _atoms.Length; i++)
            {
                if (pieces[i].IsEmpty) continue;
                if (ServiceQuery.Accepts(fromAtoms?[i] ?? FromAtom(i, backend), protocol, target.TargetPorts)) accepted.Add(pieces[i]);
            }
            admitted = accepted.Count == 0 ? IpSet.Empty : IpSet.UnionOf(accepted);
        }
        return new ExposedBackend(target, admitted, !admitted.IsEmpty);
    }

    /// <summary>
    /// What every atom may send to the backend, read from the matrix once per backend (a backend
    /// sits behind many entries, and is asked about thousands of atoms on ipBlock-heavy input);
    /// null without a matrix whose atoms are the ingress ranges.
    /// </summary>
    private ConnectionSet[]? FromAtoms(WorkloadPeer backend)
    {
        if (_matrix is null || _engine.ExternalSources.IsDefaultOrEmpty) return null;
        if (!_fromAtoms.TryGetValue(backend.Id, out var row)) _fromAtoms[backend.Id] = row = _matrix.FromIngressAtoms(backend);
        return row;
    }

    /// <summary>
    /// Every range of an atom is decided alike, so one engine question per atom and backend (without
    /// a matrix; with one, <see cref="FromAtoms"/>).
    /// </summary>
    private ConnectionSet FromAtom(int atom, WorkloadPeer backend)
    {
        var key = (atom, backend.Id);
        if (_fromAtom.TryGetValue(key, out var cached)) return cached;
        var allowed = _engine.Explain(_atoms[atom], backend).Allowed;
        _fromAtom[key] = allowed;
        return allowed;
    }

    private IEnumerable<EntryPoint> HostPortEntries(Workload workload)
    {
        var seen = new HashSet<(int HostPort, Protocol Protocol, int ContainerPort)>();
        foreach (var pod in workload.Pods)
        {
            foreach (var port in pod.Ports)
            {
                if (port.HostPort is not { } hostPort || !seen.Add((hostPort, port.Protocol, port.Number))) continue;
                var target = new ServiceBackendTarget(workload, [port.Number]);
                yield return new EntryPoint(EntryPointKind.HostPort, workload.Meta.Ref, port.HostPortSpan ?? port.Span,
                    port.HostIp is { Length: > 0 } ip ? $"node address {ip}" : "the node's address",
                    port.Protocol, hostPort, SourceAddress.Unfiltered, IpSet.All, IpSet.All, null, null,
                    [new ExposedBackend(target, IpSet.Empty, true)], Openness.Unfiltered);
            }
        }
    }

    private IEnumerable<EntryPoint> IngressEntries(Ingress ingress)
    {
        var tlsHosts = ingress.Tls.SelectMany(t => t.Hosts).ToHashSet(StringComparer.Ordinal);
        var anyTls = !ingress.Tls.IsDefaultOrEmpty;
        if (ingress.DefaultBackend is { } fallback)
        {
            foreach (var entry in ControllerEntries(EntryPointKind.Ingress, ingress, fallback, (s, p) => s.PortsNamedByIngress(p), "(default backend)", anyTls))
            {
                yield return entry;
            }
        }
        foreach (var rule in ingress.Rules)
        {
            var tls = rule.Host is null ? anyTls : tlsHosts.Contains(rule.Host) || ingress.Tls.Any(t => t.Hosts.IsDefaultOrEmpty);
            foreach (var path in rule.Paths)
            {
                if (path.Backend is not { } backend) continue;
                var via = $"{rule.Host ?? "*"}{path.Path ?? "/"}";
                foreach (var entry in ControllerEntries(EntryPointKind.Ingress, ingress, backend, (s, p) => s.PortsNamedByIngress(p), via, tls))
                {
                    yield return entry;
                }
            }
        }
    }

    private IEnumerable<EntryPoint> RouteEntries(Route route)
    {
        var via = $"{route.Host ?? "*"}{route.Path ?? "/"}";
        foreach (var backend in route.Backends)
        {
            foreach (var entry in ControllerEntries(EntryPointKind.Route, route, backend, (s, p) => s.PortsNamedByRoute(p), via, route.Tls))
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// One entry per Service port the backend names (none when the Service or port is missing:
    /// ingress-backend-missing reports that). Listens on 443 with TLS, 80 without; TCP.
    /// </summary>
    private IEnumerable<EntryPoint> ControllerEntries(
        EntryPointKind kind, IManifestObject owner, ServiceBackend backend,
        Func<Service, PortRef?, ImmutableArray<ServicePort>> portsOf, string via, bool tls)
    {
        if (_catalog.Find(owner.Meta.Namespace, backend.ServiceName) is not { } service) yield break;
        foreach (var port in portsOf(service, backend.Port))
        {
            if (port.Protocol != Protocol.TCP) continue;
            ImmutableArray<ExposedBackend> backends =
            [
                .. _catalog.Targets(service, port, _engine.PeersOf).Select(t =>
                    new ExposedBackend(t, IpSet.Empty, t.Resolved && ServiceQuery.Accepts(FromController(t.Backend), Protocol.TCP, t.TargetPorts))),
            ];
            var openness = backends.Any(b => b.Accepts) ? Openness.Internet : Openness.Closed;
            yield return new EntryPoint(kind, owner.Meta.Ref, backend.Span, $"{via}{(tls ? " (TLS)" : "")}", Protocol.TCP, tls ? 443 : 80,
                SourceAddress.IngressController, OutsideAddresses.Internet, IpSet.Empty, service, port, backends, openness);
        }
    }

    /// <summary>
    /// What the ingress controller may send to the backend: the engine's <c>{ingress-controller}</c>
    /// peer (the controller workloads of the input, see <see cref="IngressControllers"/>, or the
    /// conventional pod). An outside backend is subject only to the controller's egress: the
    /// controller workloads' own, or none for the conventional pod.
    /// </summary>
    private ConnectionSet FromController(Peer peer)
    {
        if (_fromController.TryGetValue(peer.Id, out var cached)) return cached;
        var allowed = peer is not ExternalPeer ? _engine.Explain(IngressControllerPeer.Instance, peer).Allowed
            : _engine.IngressControllerWorkloads.IsEmpty ? ConnectionSet.All
            : _engine.IngressControllerWorkloads.Aggregate(ConnectionSet.Empty, (set, w) => set.Union(_engine.Explain(new WorkloadPeer(w), peer).Allowed));
        _fromController[peer.Id] = allowed;
        return allowed;
    }
}
