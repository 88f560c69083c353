using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Reads a Pod object or a controller's pod template into a <see cref="Pod"/>: labels,
/// containers (their images and ports), hostNetwork, and (for Pods) the IPs in status.
/// </summary>
internal static class PodReader
{
    public static PodDraft ReadPodObject(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        var pod = Build(r, meta.Name, meta.Labels, spec, specPath, root.Span, ReadIps(r, root.Get("status")));
        return new PodDraft(meta, pod, MetadataReader.ReadControllerOwner(r, root));
    }

    /// <summary>The pod template at <paramref name="path"/>; null (reported) when missing.</summary>
    public static Pod? ReadTemplate(ObjectReader r, string name, YamlNode? node, FieldPath path, YamlNode parent)
    {
        var template = r.Mapping(node, path);
        if (template is null)
        {
            if (r.Present(node) is null) r.Missing(parent, path);
            return null;
        }
        var metadataPath = path.Field("metadata");
        var metadata = r.Mapping(template.Get("metadata"), metadataPath);
        var labels = metadata is null ? Labels.Empty : r.StringMap(metadata.Get("labels"), metadataPath.Field("labels"), strictValues: true);
        var specPath = path.Field("spec");
        return Build(r, name, labels, r.Mapping(template.Get("spec"), specPath), specPath, template.Span, []);
    }

    private static Pod Build(ObjectReader r, string name, Labels labels, YamlMapping? spec, FieldPath specPath, SourceSpan span, ImmutableArray<string> ips)
    {
        if (spec is null) return new Pod(name, labels, [], false, ips, span);
        var containers = ReadContainers(r, spec.Get("containers"), specPath.Field("containers"));
        var hostNetwork = r.Boolean(spec.Get("hostNetwork"), specPath.Field("hostNetwork")) ?? false;
        var serviceAccount = r.Text(spec.Get("serviceAccountName"), specPath.Field("serviceAccountName"))
            ?? r.Text(spec.Get("serviceAccount"), specPath.Field("serviceAccount"));
        return new Pod(name, labels, containers, hostNetwork, ips, span)
        {
            Environment = ContainerEnvironmentReader.Read(r, spec),
            ServiceAccount = string.IsNullOrEmpty(serviceAccount) ? Pod.DefaultServiceAccount : serviceAccount,
        };
    }

    private static ImmutableArray<Container> ReadContainers(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var containers = ImmutableArray.CreateBuilder<Container>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is not { } container) continue;
            // A missing name is tolerated: API server dumps in the conformance data omit it, and nothing depends on it.
            var name = r.Text(container.Get("name"), itemPath.Field("name"));
            var ports = ReadContainerPorts(r, container.Get("ports"), itemPath.Field("ports"));
            var image = r.Text(container.Get("image"), itemPath.Field("image"));
            containers.Add(new Container(name ?? "", ports, container.Span) { Image = image });
        }
        return containers.DrainToImmutable();
    }

    private static ImmutableArray<ContainerPort> ReadContainerPorts(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var ports = ImmutableArray.CreateBuilder<ContainerPort>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is { } mapping && ReadContainerPort(r, mapping, itemPath) is { } port) ports.Add(port);
        }
        return ports.DrainToImmutable();
    }

    private static ContainerPort? ReadContainerPort(ObjectReader r, YamlMapping mapping, FieldPath path)
    {
        var numberNode = mapping.Get("containerPort");
        var number = r.Integer(numberNode, path.Field("containerPort"));
        // Without a number the port cannot be used; it is left out quietly, as the reference
        // tool does (its conformance input has a misspelt "containerport").
        if (number is null) return null;
        PolicyPortReader.CheckPort(r, numberNode!, path.Field("containerPort"), PortRef.Of(number.Value));
        // Reported above; a port outside 1..65535 is no port at all, so a policy or Service that
        // names it finds nothing to resolve (the API server would have refused the object).
        if (!PortSyntax.IsValidNumber(number.Value)) return null;
        var nameNode = mapping.Get("name");
        var name = r.Text(nameNode, path.Field("name"));
        if (name is not null) PolicyPortReader.CheckPort(r, nameNode!, path.Field("name"), PortRef.Of(name));
        var protocol = PolicyPortReader.ReadProtocol(r, mapping.Get("protocol"), path.Field("protocol"));
        var hostPortNode = mapping.Get("hostPort");
        var hostPort = r.Integer(hostPortNode, path.Field("hostPort"));
        if (hostPort is { } given && given != 0) PolicyPortReader.CheckPort(r, hostPortNode!, path.Field("hostPort"), PortRef.Of(given));
        if (hostPort is { } outOfRange && !PortSyntax.IsValidNumber(outOfRange)) hostPort = null;
        var hostIp = r.Text(mapping.Get("hostIP"), path.Field("hostIP"));
        return new ContainerPort(name, number.Value, protocol, hostPort is 0 ? null : hostPort, hostIp, mapping.Span)
        {
            HostPortSpan = hostPort is null or 0 ? null : hostPortNode!.Span,
        };
    }

    /// <summary>status.podIPs[].ip, or status.podIP when podIPs is absent; duplicates removed.</summary>
    private static ImmutableArray<string> ReadIps(ObjectReader r, YamlNode? statusNode)
    {
        var path = FieldPath.Root.Field("status");
        var status = r.Mapping(statusNode, path);
        if (status is null) return [];
        var ips = ImmutableArray.CreateBuilder<string>();
        var listPath = path.Field("podIPs");
        if (r.Sequence(status.Get("podIPs"), listPath) is { } list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var itemPath = listPath.At(i);
                if (r.Mapping(list.Items[i], itemPath) is { } item && r.Text(item.Get("ip"), itemPath.Field("ip")) is { } ip && !ips.Contains(ip)) ips.Add(ip);
            }
        }
        if (r.Text(status.Get("podIP"), path.Field("podIP")) is { } single && !ips.Contains(single)) ips.Insert(0, single);
        return ips.DrainToImmutable();
    }
}
