using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// The backends of Services without a selector, from the <c>Endpoints</c> object of the same name
/// and the <c>EndpointSlice</c>s labelled <c>kubernetes.io/service-name</c> with it, in the
/// Service's namespace (their ready addresses and ports, merged). An address that is the IP of a
/// pod of the input is that pod's workload, whose policies decide what reaches it; any other
/// address is outside the cluster (<c>a.b.c.d[External]</c>), where no NetworkPolicy of the input
/// applies. A Service port is served on the endpoint ports with its name (both unnamed for a
/// single-port Service) and its protocol, as kube-proxy matches them; a slice port without a
/// number serves nothing (kube-proxy skips it). An ExternalName Service has no endpoints.
/// </summary>
public sealed class EndpointBackends
{
    private readonly Dictionary<(string Namespace, string Service), List<ServiceEndpoints>> _byService = new();
    private readonly Dictionary<(IpFamily, UInt128), Workload> _workloadByPodIp = new();
    private readonly ImmutableArray<Workload> _workloads;

    public EndpointBackends(Cluster cluster)
    {
        _workloads = cluster.Workloads;
        foreach (var endpoints in cluster.Endpoints)
        {
            var key = (endpoints.Namespace, endpoints.Service);
            if (!_byService.TryGetValue(key, out var list)) _byService[key] = list = [];
            list.Add(endpoints);
        }
        foreach (var workload in cluster.Workloads)
        {
            foreach (var ip in workload.Pods.SelectMany(p => p.Ips))
            {
                if (IpRange.TryParseAddress(ip, out var family, out var value)) _workloadByPodIp.TryAdd((family, value), workload);
            }
        }
    }

    /// <summary>Whether the Service takes its backends from Endpoints: it is not ExternalName and has no (or an empty) selector.</summary>
    public static bool Applies(Service service) => service.Type != ServiceType.ExternalName && !service.HasSelector;

    /// <summary>The workloads whose pods' IPs the Service's endpoints list, in input order.</summary>
    public ImmutableArray<Workload> Workloads(Service service)
    {
        var listed = Addresses(service).Select(a => _workloadByPodIp.GetValueOrDefault(a)).OfType<Workload>()
            .ToHashSet(ReferenceEqualityComparer.Instance);
        return [.. _workloads.Where(listed.Contains)];
    }

    /// <summary>The workloads, then the outside addresses (ascending), with the endpoint ports that serve the Service port.</summary>
    public ImmutableArray<ServiceBackendTarget> Targets(Service service, ServicePort port)
    {
        ImmutableArray<int> ports =
        [
            .. Endpoints(service).SelectMany(e => e.Ports)
                .Where(p => p.Number is not null && p.Protocol == port.Protocol && (p.Name ?? "") == (port.Name ?? ""))
                .Select(p => p.Number!.Value).Distinct().Order(),
        ];
        var targets = ImmutableArray.CreateBuilder<ServiceBackendTarget>();
        targets.AddRange(Workloads(service).Select(w => new ServiceBackendTarget(w, ports)));
        foreach (var (family, value) in Addresses(service).Where(a => !_workloadByPodIp.ContainsKey(a)).Order())
        {
            var address = new ExternalPeer(IpSet.Of(new IpRange(family, value, value)));
            targets.Add(new ServiceBackendTarget(address, ports));
        }
        return targets.ToImmutable();
    }

    private IEnumerable<ServiceEndpoints> Endpoints(Service service) =>
        Applies(service) ? _byService.GetValueOrDefault((service.Namespace, service.Name)) ?? [] : [];

    private HashSet<(IpFamily, UInt128)> Addresses(Service service)
    {
        var addresses = new HashSet<(IpFamily, UInt128)>();
        foreach (var text in Endpoints(service).SelectMany(e => e.Addresses))
        {
            if (IpRange.TryParseAddress(text, out var family, out var value)) addresses.Add((family, value));
        }
        return addresses;
    }
}
