using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// One backend of a Service port: a selected workload (or, for a Service without a selector, a
/// workload or an outside address its Endpoints list) and the target port numbers it serves for
/// that port. TargetPorts is empty when the targetPort is a name that no selected pod declares
/// among its containerPorts with the port's protocol, or when the Endpoints give no port of that
/// name and protocol (the port is unresolved there).
/// </summary>
public sealed record ServiceBackendTarget(Peer Backend, ImmutableArray<int> TargetPorts)
{
    public ServiceBackendTarget(Workload workload, ImmutableArray<int> targetPorts)
        : this(new WorkloadPeer(workload), targetPorts)
    {
    }

    /// <summary>The backend workload; null for an outside address listed in the Service's Endpoints.</summary>
    public Workload? Workload => (Backend as WorkloadPeer)?.Workload;

    /// <summary>The backend's peer id: <c>ns/name[Kind]</c>, or <c>a.b.c.d[External]</c> for an outside address.</summary>
    public string Id => Backend.Id;

    public bool Resolved => !TargetPorts.IsDefaultOrEmpty;
}

/// <summary>
/// The Services of a cluster with their backends, computed once: lookups by namespace and name,
/// and which workloads each Service selects.
/// <para>
/// Selection follows the Endpoints controller: a Service of a type other than ExternalName with
/// a non-empty selector selects the pods in its own namespace whose labels contain every
/// selector pair. A workload is a backend when at least one of its pods is selected; only the
/// selected pods count when target ports are resolved. A Service without a selector (or with an
/// empty one) has its endpoints managed by hand: its backends are what its Endpoints and
/// EndpointSlices list (see <see cref="ServiceEndpointIndex"/>).
/// </para>
/// <para>
/// targetPort: a number is used as is (a pod need not declare it); a name resolves, per
/// selected pod, to the containerPorts with that name and the Service port's protocol.
/// </para>
/// </summary>
public sealed class ServiceCatalog
{
    private readonly Dictionary<(string Namespace, string Name), Service> _byName = new();
    private readonly Dictionary<Service, ImmutableArray<Workload>> _backends = new(ReferenceEqualityComparer.Instance);
    private readonly ServiceEndpointIndex _endpoints;

    public ServiceCatalog(Cluster cluster)
    {
        Cluster = cluster;
        var workloadsByNamespace = cluster.Workloads
            .GroupBy(w => w.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _endpoints = new ServiceEndpointIndex(cluster);
        foreach (var service in cluster.Services)
        {
            _byName.TryAdd((service.Namespace, service.Name), service);
            if (ServiceEndpointIndex.Applies(service))
            {
                _backends[service] = _endpoints.Workloads(service);
                continue;
            }
            var candidates = workloadsByNamespace.GetValueOrDefault(service.Namespace) ?? [];
            _backends[service] = [.. candidates.Where(w => w.Pods.Any(p => service.Selects(p.Labels)))];
        }
    }

    public Cluster Cluster { get; }

    public ImmutableArray<Service> Services => Cluster.Services;

    public Service? Find(string @namespace, string name) => _byName.GetValueOrDefault((@namespace, name));

    /// <summary>The workloads the Service selects (or its Endpoints list), in input order.</summary>
    public ImmutableArray<Workload> Backends(Service service) =>
        _backends.TryGetValue(service, out var backends) ? backends : [];

    /// <summary>Each backend of one Service port with its resolved target ports.</summary>
    public ImmutableArray<ServiceBackendTarget> Targets(Service service, ServicePort port) =>
        ServiceEndpointIndex.Applies(service)
            ? EndpointTargets(service, port)
            : [.. Backends(service).Select(w => new ServiceBackendTarget(w, TargetPorts(service, w, port)))];

    /// <summary>
    /// Each backend of one Service port as the engine's peers stand for it: a workload whose pods
    /// policies tell apart (<paramref name="peersOf"/> gives several parts, docs/split-workloads.md)
    /// is replaced by its parts that hold a pod the Service selects (or its Endpoints list), each
    /// with the target ports of those pods; a part without such a pod is no backend.
    /// </summary>
    public ImmutableArray<ServiceBackendTarget> Targets(Service service, ServicePort port, Func<Workload, ImmutableArray<WorkloadPeer>> peersOf)
    {
        var targets = ImmutableArray.CreateBuilder<ServiceBackendTarget>();
        foreach (var target in Targets(service, port))
        {
            if (target.Workload is not { } workload || peersOf(workload) is not { Length: > 1 } parts)
            {
                targets.Add(target);
                continue;
            }
            foreach (var part in parts)
            {
                var pods = part.Pods.Where(p => Serves(service, p)).ToList();
                if (pods.Count == 0) continue;
                targets.Add(new ServiceBackendTarget(part, UsesEndpoints(service) ? target.TargetPorts : TargetPorts(service, pods, port)));
            }
        }
        return targets.ToImmutable();
    }

    /// <summary>Whether the pod is one of the Service's endpoints: selected by its selector, or listed by its Endpoints.</summary>
    public bool Serves(Service service, Pod pod) =>
        UsesEndpoints(service) ? _endpoints.Lists(service, pod) : service.Selects(pod.Labels);

    /// <summary>Whether the Service's backends come from its Endpoints (it has no selector) rather than from a selector.</summary>
    public static bool UsesEndpoints(Service service) => ServiceEndpointIndex.Applies(service);

    /// <summary>
    /// The backends of a Service without a selector: the workloads its endpoints list, then its
    /// outside addresses (<c>a.b.c.d[External]</c>, where no NetworkPolicy of the input applies),
    /// each served on the endpoint ports of the Service port.
    /// </summary>
    private ImmutableArray<ServiceBackendTarget> EndpointTargets(Service service, ServicePort port)
    {
        var ports = _endpoints.Ports(service, port);
        return
        [
            .. Backends(service).Select(w => new ServiceBackendTarget(w, ports)),
            .. _endpoints.OutsideAddresses(service).Select(a =>
                new ServiceBackendTarget(new ExternalPeer(IpSet.Of(new IpRange(a.Family, a.Address, a.Address))), ports)),
        ];
    }

    /// <summary>The target port numbers the selected pods of <paramref name="backend"/> serve, ascending.</summary>
    public static ImmutableArray<int> TargetPorts(Service service, Workload backend, ServicePort port) =>
        TargetPorts(service, backend.Pods, port);

    /// <summary>The target port numbers the selected ones of <paramref name="pods"/> serve, ascending.</summary>
    public static ImmutableArray<int> TargetPorts(Service service, IEnumerable<Pod> pods, ServicePort port)
    {
        if (port.TargetPort.Number is { } number) return [number];
        var name = port.TargetPort.Name;
        var numbers = new SortedSet<int>();
        foreach (var pod in pods)
        {
            if (!service.Selects(pod.Labels)) continue;
            foreach (var container in pod.Containers)
            {
                foreach (var declared in container.Ports)
                {
                    if (declared.Name == name && declared.Protocol == port.Protocol) numbers.Add(declared.Number);
                }
            }
        }
        return [.. numbers];
    }
}
