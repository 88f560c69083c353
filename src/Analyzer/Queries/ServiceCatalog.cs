using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// One backend of a Service port: a selected workload and the target port numbers its selected
/// pods serve for that port. TargetPorts is empty when the targetPort is a name that no selected
/// pod declares among its containerPorts with the port's protocol (the port is unresolved there).
/// </summary>
public sealed record ServiceBackendTarget(Workload Workload, ImmutableArray<int> TargetPorts)
{
    public bool Resolved => !TargetPorts.IsDefaultOrEmpty;
}

/// <summary>
/// The Services of a cluster with their backends, computed once: lookups by namespace and name,
/// and which workloads each Service selects.
/// <para>
/// Selection follows the Endpoints controller: a Service of a type other than ExternalName with
/// a non-empty selector selects the pods in its own namespace whose labels contain every
/// selector pair. A Service without a selector, or with an empty one, has its endpoints managed
/// by hand and so has no backends here. A workload is a backend when at least one of its pods
/// is selected; only the selected pods count when target ports are resolved.
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

    public ServiceCatalog(Cluster cluster)
    {
        Cluster = cluster;
        var workloadsByNamespace = cluster.Workloads
            .GroupBy(w => w.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var service in cluster.Services)
        {
            _byName.TryAdd((service.Namespace, service.Name), service);
            var candidates = workloadsByNamespace.GetValueOrDefault(service.Namespace) ?? [];
            _backends[service] = [.. candidates.Where(w => w.Pods.Any(p => Selects(service, p)))];
        }
    }

    public Cluster Cluster { get; }

    public ImmutableArray<Service> Services => Cluster.Services;

    public Service? Find(string @namespace, string name) => _byName.GetValueOrDefault((@namespace, name));

    /// <summary>Whether the Service has a selector at all (an empty one counts as none).</summary>
    public static bool HasSelector(Service service) =>
        service.Type != ServiceType.ExternalName && service.Selector is { Count: > 0 };

    public static bool Selects(Service service, Pod pod)
    {
        if (!HasSelector(service)) return false;
        foreach (var (key, value) in service.Selector!)
        {
            if (!pod.Labels.TryGetValue(key, out var actual) || actual != value) return false;
        }
        return true;
    }

    /// <summary>The workloads the Service selects, in input order.</summary>
    public ImmutableArray<Workload> Backends(Service service) =>
        _backends.TryGetValue(service, out var backends) ? backends : [];

    /// <summary>Each backend of one Service port with its resolved target ports.</summary>
    public ImmutableArray<ServiceBackendTarget> Targets(Service service, ServicePort port) =>
        [.. Backends(service).Select(w => new ServiceBackendTarget(w, TargetPorts(service, w, port)))];

    /// <summary>The target port numbers the selected pods of <paramref name="backend"/> serve, ascending.</summary>
    public static ImmutableArray<int> TargetPorts(Service service, Workload backend, ServicePort port)
    {
        if (port.TargetPort.Number is { } number) return [number];
        var name = port.TargetPort.Name;
        var numbers = new SortedSet<int>();
        foreach (var pod in backend.Pods)
        {
            if (!Selects(service, pod)) continue;
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

    /// <summary>
    /// The Service ports an Ingress backend names, as the engine reads them: by number the port
    /// with that port number, by name the port with that name, without a port every port.
    /// Empty when the named port does not exist.
    /// </summary>
    public static ImmutableArray<ServicePort> IngressPorts(Service service, PortRef? port) => port switch
    {
        null => service.Ports,
        { Name: { } name } => [.. service.Ports.Where(p => p.Name == name)],
        { Number: { } number } => [.. service.Ports.Where(p => p.Port == number)],
        _ => [],
    };

    /// <summary>
    /// The Service ports a Route's targetPort names, as the engine reads them: by name the ports
    /// with that name (or else whose targetPort has that name), by number the ports whose
    /// targetPort or port is that number, without a targetPort every port.
    /// </summary>
    public static ImmutableArray<ServicePort> RoutePorts(Service service, PortRef? port)
    {
        if (port is null) return service.Ports;
        if (port.Value.Name is { } name)
        {
            ImmutableArray<ServicePort> byName = [.. service.Ports.Where(p => p.Name == name)];
            return byName.IsEmpty ? [.. service.Ports.Where(p => p.TargetPort.Name == name)] : byName;
        }
        var number = port.Value.Number;
        return [.. service.Ports.Where(p => p.TargetPort.Number == number || p.Port == number)];
    }
}
