using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// What an ingress controller is asked to send to each pod class: for every Ingress backend
/// and Route target, the backend Service's selected pods on the resolved target ports, TCP.
/// Ingress backend port: by number = the Service port with that port, by name = the Service
/// port with that name, none = every port. Route targetPort: by name = the Service port with
/// that name (or whose targetPort has that name), by number = the Service port whose
/// targetPort or port is that number, none = every port. A targetPort name resolves on each
/// pod's TCP containerPorts. Services of other protocols, without a selector, or of type
/// ExternalName carry no ingress traffic.
/// </summary>
internal static class IngressExposure
{
    public static ConnectionSet[] Compute(Cluster cluster, PodClasses classes)
    {
        var exposed = new ConnectionSet[classes.Count];
        Array.Fill(exposed, ConnectionSet.Empty);
        var services = cluster.Services
            .GroupBy(s => (s.Namespace, s.Name))
            .ToDictionary(g => g.Key, g => g.First());
        foreach (var ingress in cluster.Ingresses)
        {
            foreach (var backend in ingress.Backends)
            {
                if (!services.TryGetValue((ingress.Meta.Namespace, backend.ServiceName), out var service)) continue;
                Expose(exposed, classes, service, IngressPorts(service, backend.Port));
            }
        }
        foreach (var route in cluster.Routes)
        {
            foreach (var backend in route.Backends)
            {
                if (!services.TryGetValue((route.Meta.Namespace, backend.ServiceName), out var service)) continue;
                Expose(exposed, classes, service, RoutePorts(service, backend.Port ?? route.TargetPort));
            }
        }
        return exposed;
    }

    public static bool Any(Cluster cluster) => !cluster.Ingresses.IsDefaultOrEmpty || !cluster.Routes.IsDefaultOrEmpty;

    private static IEnumerable<ServicePort> IngressPorts(Service service, PortRef? port) => port switch
    {
        null => service.Ports,
        { Name: { } name } => service.Ports.Where(p => p.Name == name),
        { Number: { } number } => service.Ports.Where(p => p.Port == number),
        _ => [],
    };

    private static IEnumerable<ServicePort> RoutePorts(Service service, PortRef? port)
    {
        if (port is null) return service.Ports;
        if (port.Value.Name is { } name)
        {
            var byName = service.Ports.Where(p => p.Name == name).ToList();
            return byName.Count > 0 ? byName : service.Ports.Where(p => p.TargetPort.Name == name);
        }
        var number = port.Value.Number;
        return service.Ports.Where(p => p.TargetPort.Number == number || p.Port == number);
    }

    private static void Expose(ConnectionSet[] exposed, PodClasses classes, Service service, IEnumerable<ServicePort> ports)
    {
        if (service.Type == ServiceType.ExternalName || service.Selector is not { Count: > 0 } selector) return;
        var tcpPorts = ports.Where(p => p.Protocol == Protocol.TCP).ToList();
        if (tcpPorts.Count == 0) return;
        foreach (var index in classes.InNamespace(service.Namespace))
        {
            var candidate = classes.All[index];
            if (candidate.IsIngressController || !Selects(selector, candidate.Labels)) continue;
            foreach (var port in tcpPorts)
            {
                exposed[index] = exposed[index].Union(TargetPorts(candidate, port));
            }
        }
    }

    private static bool Selects(Labels selector, Labels labels)
    {
        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        }
        return true;
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
