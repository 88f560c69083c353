using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Builds an OpenShift route.openshift.io/v1 Route. spec.to and spec.alternateBackends become
/// backends; each backend's Port is spec.port.targetPort (also on Route.TargetPort), so Routes
/// and Ingresses can be resolved the same way.
/// </summary>
internal static class RouteReader
{
    public static Route? Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        if (spec is null)
        {
            r.Missing(root, specPath);
            return null;
        }
        var host = r.Text(spec.Get("host"), specPath.Field("host"));
        var path = r.Text(spec.Get("path"), specPath.Field("path"));
        var portPath = specPath.Field("port");
        var port = r.Mapping(spec.Get("port"), portPath);
        var targetPort = port is null ? null : r.IntOrString(port.Get("targetPort"), portPath.Field("targetPort"));
        var backends = ImmutableArray.CreateBuilder<ServiceBackend>();
        if (ReadBackend(r, spec.Get("to"), specPath.Field("to"), targetPort) is { } to) backends.Add(to);
        else if (r.Present(spec.Get("to")) is null) r.Missing(spec, specPath.Field("to"));
        var alternatesPath = specPath.Field("alternateBackends");
        if (r.Sequence(spec.Get("alternateBackends"), alternatesPath) is { } alternates)
        {
            for (var i = 0; i < alternates.Count; i++)
            {
                if (ReadBackend(r, alternates.Items[i], alternatesPath.At(i), targetPort) is { } backend) backends.Add(backend);
            }
        }
        var tls = r.Present(spec.Get("tls")) is not null;
        return new Route(meta, host, path, backends.DrainToImmutable(), targetPort, tls);
    }

    private static ServiceBackend? ReadBackend(ObjectReader r, YamlNode? node, FieldPath path, PortRef? targetPort)
    {
        var mapping = r.Mapping(node, path);
        if (mapping is null) return null;
        var kind = r.Text(mapping.Get("kind"), path.Field("kind")) ?? "Service";
        var name = r.Text(mapping.Get("name"), path.Field("name"));
        if (name is null)
        {
            r.Missing(mapping, path.Field("name"));
            return null;
        }
        if (kind != "Service")
        {
            r.Error(RuleIds.InvalidObject, mapping.Get("kind")!, path.Field("kind"), $"{ObjectReader.Quote(kind)} is not a Route backend kind (expected Service)");
            return null;
        }
        return new ServiceBackend(name, targetPort, mapping.Span);
    }
}
