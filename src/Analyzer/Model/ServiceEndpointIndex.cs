using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// What the <c>Endpoints</c> object of the same name and the <c>EndpointSlice</c>s labelled
/// <c>kubernetes.io/service-name</c> give a Service without a selector (in its namespace; ready
/// addresses and ports, merged): an address that is the IP of a pod of the input is that pod's
/// workload (matched by value, however the address is written); any other address is outside
/// the cluster. A Service port is served on the endpoint ports with its name (both unnamed for a
/// single-port Service) and its protocol, as kube-proxy matches them; a slice port without a
/// number serves nothing (kube-proxy skips it). A Service with a selector, or of type
/// ExternalName, takes nothing from here.
/// </summary>
public sealed class ServiceEndpointIndex
{
    private readonly Dictionary<(string Namespace, string Service), List<ServiceEndpoints>> _byService = new();
    private readonly Dictionary<(IpFamily, UInt128), int> _workloadByPodIp = new();
    private readonly ImmutableArray<Workload> _workloads;

    public ServiceEndpointIndex(Cluster cluster)
    {
        _workloads = cluster.Workloads;
        foreach (var endpoints in cluster.Endpoints)
        {
            var key = (endpoints.Namespace, endpoints.Service);
            if (!_byService.TryGetValue(key, out var list)) _byService[key] = list = [];
            list.Add(endpoints);
        }
        for (var i = 0; i < cluster.Workloads.Length; i++)
        {
            foreach (var ip in cluster.Workloads[i].Pods.SelectMany(p => p.Ips))
            {
                if (IpAddressText.TryParse(ip, out var family, out var value)) _workloadByPodIp.TryAdd((family, value), i);
            }
        }
    }

    /// <summary>Whether the Service takes its backends from Endpoints: it is not ExternalName and has no (or an empty) selector.</summary>
    public static bool Applies(Service service) => service.Type != ServiceType.ExternalName && !service.HasSelector;

    /// <summary>The workloads whose pods' IPs the Service's endpoints list, in input order.</summary>
    public ImmutableArray<Workload> Workloads(Service service) => [.. WorkloadIndexes(service).Select(i => _workloads[i])];

    /// <summary>The indexes in Cluster.Workloads of the workloads whose pods' IPs the Service's endpoints list, ascending.</summary>
    public ImmutableArray<int> WorkloadIndexes(Service service) =>
    [
        .. Addresses(service).Where(_workloadByPodIp.ContainsKey).Select(a => _workloadByPodIp[a]).Distinct().Order(),
    ];

    /// <summary>Whether the Service's endpoints list one of the pod's IPs.</summary>
    public bool Lists(Service service, Pod pod)
    {
        var addresses = Addresses(service);
        return pod.Ips.Any(ip => IpAddressText.TryParse(ip, out var family, out var value) && addresses.Contains((family, value)));
    }

    /// <summary>The listed addresses that are no pod's, ascending.</summary>
    public ImmutableArray<(IpFamily Family, UInt128 Address)> OutsideAddresses(Service service) =>
        [.. Addresses(service).Where(a => !_workloadByPodIp.ContainsKey(a)).Order()];

    /// <summary>The endpoint port numbers that serve a Service port, ascending.</summary>
    public ImmutableArray<int> Ports(Service service, ServicePort port) =>
    [
        .. Endpoints(service).SelectMany(e => e.Ports)
            .Where(p => p.Number is not null && p.Protocol == port.Protocol && (p.Name ?? "") == (port.Name ?? ""))
            .Select(p => p.Number!.Value).Distinct().Order(),
    ];

    private IEnumerable<ServiceEndpoints> Endpoints(Service service) =>
        Applies(service) ? _byService.GetValueOrDefault((service.Namespace, service.Name)) ?? [] : [];

    private HashSet<(IpFamily, UInt128)> Addresses(Service service)
    {
        var addresses = new HashSet<(IpFamily, UInt128)>();
        foreach (var text in Endpoints(service).SelectMany(e => e.Addresses))
        {
            if (IpAddressText.TryParse(text, out var family, out var value)) addresses.Add((family, value));
        }
        return addresses;
    }
}
