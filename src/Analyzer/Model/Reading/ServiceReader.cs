using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Builds a Service with the API server's defaults: type ClusterIP, protocol TCP, targetPort
/// equal to port, externalTrafficPolicy Cluster.
/// </summary>
internal static class ServiceReader
{
    public static Service Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        if (spec is null)
        {
            r.Missing(root, specPath);
            return new Service(meta, ServiceType.ClusterIP, null, [], [], [], ExternalTrafficPolicy.Cluster, null, null);
        }
        var type = ReadType(r, spec.Get("type"), specPath.Field("type"));
        var selectorNode = r.Present(spec.Get("selector"));
        var selector = selectorNode is null ? null : r.StringMap(selectorNode, specPath.Field("selector"), strictValues: true);
        var ports = ReadPorts(r, spec.Get("ports"), specPath.Field("ports"));
        var externalIps = r.StringList(spec.Get("externalIPs"), specPath.Field("externalIPs"));
        var sourceRanges = ReadSourceRanges(r, spec.Get("loadBalancerSourceRanges"), specPath.Field("loadBalancerSourceRanges"));
        var trafficPolicy = ReadTrafficPolicy(r, spec.Get("externalTrafficPolicy"), specPath.Field("externalTrafficPolicy"));
        var externalName = r.Text(spec.Get("externalName"), specPath.Field("externalName"));
        var clusterIp = r.Text(spec.Get("clusterIP"), specPath.Field("clusterIP"));
        return new Service(meta, type, selector, ports, externalIps, sourceRanges, trafficPolicy, externalName, clusterIp)
        {
            SelectorSpan = selectorNode?.Span,
            ExternalIPsSpan = r.Present(spec.Get("externalIPs"))?.Span,
            AllocateLoadBalancerNodePorts = r.Boolean(spec.Get("allocateLoadBalancerNodePorts"), specPath.Field("allocateLoadBalancerNodePorts")) ?? true,
        };
    }

    private static ServiceType ReadType(ObjectReader r, YamlNode? node, FieldPath path)
    {
        switch (r.Text(node, path))
        {
            case null or "ClusterIP": return ServiceType.ClusterIP;
            case "NodePort": return ServiceType.NodePort;
            case "LoadBalancer": return ServiceType.LoadBalancer;
            case "ExternalName": return ServiceType.ExternalName;
            case var other:
                r.Error(RuleIds.InvalidObject, node!, path, $"{ObjectReader.Quote(other)} is not a Service type (expected ClusterIP, NodePort, LoadBalancer or ExternalName)");
                return ServiceType.ClusterIP;
        }
    }

    private static ExternalTrafficPolicy ReadTrafficPolicy(ObjectReader r, YamlNode? node, FieldPath path)
    {
        switch (r.Text(node, path))
        {
            case null or "Cluster": return ExternalTrafficPolicy.Cluster;
            case "Local": return ExternalTrafficPolicy.Local;
            case var other:
                r.Error(RuleIds.InvalidObject, node!, path, $"{ObjectReader.Quote(other)} is not an external traffic policy (expected Cluster or Local)");
                return ExternalTrafficPolicy.Cluster;
        }
    }

    private static ImmutableArray<string> ReadSourceRanges(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var ranges = r.StringList(node, path);
        if (ranges.IsEmpty) return ranges;
        var sequence = (YamlSequence)r.Present(node)!;
        for (var i = 0; i < sequence.Count && i < ranges.Length; i++)
        {
            IpBlockReader.Check(r, sequence.Items[i], path.At(i), ranges[i]);
        }
        return ranges;
    }

    private static ImmutableArray<ServicePort> ReadPorts(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var ports = ImmutableArray.CreateBuilder<ServicePort>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is { } mapping && ReadPort(r, mapping, itemPath) is { } port) ports.Add(port);
        }
        return ports.DrainToImmutable();
    }

    private static ServicePort? ReadPort(ObjectReader r, YamlMapping mapping, FieldPath path)
    {
        var name = r.Text(mapping.Get("name"), path.Field("name"));
        var portNode = mapping.Get("port");
        var port = r.Integer(portNode, path.Field("port"));
        if (port is null)
        {
            if (r.Present(portNode) is null) r.Missing(mapping, path.Field("port"));
            return null;
        }
        PolicyPortReader.CheckPort(r, portNode!, path.Field("port"), PortRef.Of(port.Value));
        var targetNode = mapping.Get("targetPort");
        var target = r.IntOrString(targetNode, path.Field("targetPort"));
        if (target is { } given) PolicyPortReader.CheckPort(r, targetNode!, path.Field("targetPort"), given);
        var nodePortNode = mapping.Get("nodePort");
        var nodePort = r.Integer(nodePortNode, path.Field("nodePort"));
        if (nodePort is { } np && np is < 0 or > PortSyntax.MaxPort)
        {
            r.Error(RuleIds.InvalidPort, nodePortNode!, path.Field("nodePort"), $"{ObjectReader.Number(np)} is not a valid port (expected 1-65535)");
        }
        var protocol = PolicyPortReader.ReadProtocol(r, mapping.Get("protocol"), path.Field("protocol"));
        // Reported above; the API server refuses such a port, so it is left out rather than modelled.
        if (!PortSyntax.IsValidNumber(port.Value) || target is { IsNamed: false, Number: var t } && !PortSyntax.IsValidNumber(t!.Value)) return null;
        if (nodePort is < 0 or > PortSyntax.MaxPort) nodePort = null;
        return new ServicePort(name, port.Value, target ?? PortRef.Of(port.Value), nodePort is 0 ? null : nodePort, protocol, mapping.Span);
    }
}
