using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// What an ingress controller is asked to send to each pod class: for every Ingress backend
/// and Route target, the backend Service's selected pods on the resolved target ports, TCP.
/// Which Service ports an Ingress backend or a Route names is the Service's to say
/// (<see cref="Service.PortsNamedByIngress"/>, <see cref="Service.PortsNamedByRoute"/>).
/// A targetPort name resolves on each pod's TCP containerPorts. A Service without a selector
/// sends to the pods its Endpoints list, on their endpoint ports (<see cref="ServiceEndpointIndex"/>).
/// Service ports of other protocols, and ExternalName Services, carry no ingress traffic.
/// </summary>
internal static class IngressControllerTraffic
{
    public static ConnectionSet[] Compute(Cluster cluster, PodClasses classes)
    {
        var exposed = new ConnectionSet[classes.Count];
        Array.Fill(exposed, ConnectionSet.Empty);
        var endpoints = new ServiceEndpointIndex(cluster);
        var services = cluster.Services
            .GroupBy(s => (s.Namespace, s.Name))
            .ToDictionary(g => g.Key, g => g.First());
        foreach (var ingress in cluster.Ingresses)
        {
            foreach (var backend in ingress.Backends)
            {
                if (!services.TryGetValue((ingress.Meta.Namespace, backend.ServiceName), out var service)) continue;
                Expose(exposed, classes, endpoints, service, service.PortsNamedByIngress(backend.Port));
            }
        }
        foreach (var route in cluster.Routes)
        {
            foreach (var backend in route.Backends)
            {
                if (!services.TryGetValue((route.Meta.Namespace, backend.ServiceName), out var service)) continue;
                Expose(exposed, classes, endpoints, service, service.PortsNamedByRoute(backend.Port ?? route.TargetPort));
            }
        }
        return exposed;
    }

    public static bool Any(Cluster cluster) => !cluster.Ingresses.IsDefaultOrEmpty || !cluster.Routes.IsDefaultOrEmpty;

    private static void Expose(
        ConnectionSet[] exposed, PodClasses classes, ServiceEndpointIndex endpoints, Service service, IEnumerable<ServicePort> ports)
    {
        var tcpPorts = ports.Where(p => p.Protocol == Protocol.TCP).ToList();
        if (tcpPorts.Count == 0) return;
        if (ServiceEndpointIndex.Applies(service))
        {
            ExposeEndpoints(exposed, classes, endpoints, service, tcpPorts);
            return;
        }
        if (!service.HasSelector) return;
        foreach (var index in classes.InNamespace(service.Namespace))
        {
            var candidate = classes.All[index];
            if (candidate.IsIngressController || !service.Selects(candidate.Labels)) continue;
            foreach (var port in tcpPorts)
            {
                exposed[index] = exposed[index].Union(TargetPorts(candidate, port));
            }
        }
    }

    private static void ExposeEndpoints(
        ConnectionSet[] exposed, PodClasses classes, ServiceEndpointIndex endpoints, Service service, List<ServicePort> tcpPorts)
    {
        var served = tcpPorts.SelectMany(p => endpoints.Ports(service, p))
            .Aggregate(ConnectionSet.Empty, (set, number) => set.Union(ConnectionSet.Of(Protocol.TCP, number)));
        foreach (var workload in endpoints.WorkloadIndexes(service))
        {
            foreach (var index in classes.OfWorkload[workload])
            {
                exposed[index] = exposed[index].Union(served);
            }
        }
    }

    private static ConnectionSet TargetPorts(PodClass pod, ServicePort port)
    {
        if (port.TargetPort.Name is { } name)
        {
            return pod.ResolveNamedPort(name, Protocol.TCP)
                .Aggregate(ConnectionSet.Empty, (set, number) => set.Union(ConnectionSet.Of(Protocol.TCP, number)));
        }
        return port.TargetPort.Number is { } number && PortRange.IsValidPort(number)
            ? ConnectionSet.Of(Protocol.TCP, number)
            : ConnectionSet.Empty;
    }
}
