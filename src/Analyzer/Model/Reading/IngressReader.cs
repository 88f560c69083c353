using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Builds networking.k8s.io/v1 Ingresses (the v1beta1 serviceName/servicePort form is read too)
/// and OpenShift Routes. Resource backends are not Services and are kept as paths without a backend.
/// </summary>
internal static class IngressReader
{
    public static Ingress Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        if (spec is null) return new Ingress(meta, null, null, [], []);
        var className = r.Text(spec.Get("ingressClassName"), specPath.Field("ingressClassName"));
        var defaultField = spec.Get("defaultBackend") is not null ? "defaultBackend" : "backend";
        var defaultBackend = ReadBackend(r, spec.Get(defaultField), specPath.Field(defaultField));
        var rules = ReadRules(r, spec.Get("rules"), specPath.Field("rules"));
        var tls = ReadTls(r, spec.Get("tls"), specPath.Field("tls"));
        return new Ingress(meta, className, defaultBackend, rules, tls);
    }

    private static ImmutableArray<IngressRule> ReadRules(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var rules = ImmutableArray.CreateBuilder<IngressRule>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var rulePath = path.At(i);
            if (r.Mapping(sequence.Items[i], rulePath) is not { } rule) continue;
            var host = r.Text(rule.Get("host"), rulePath.Field("host"));
            var httpPath = rulePath.Field("http");
            var http = r.Mapping(rule.Get("http"), httpPath);
            var paths = http is null ? [] : ReadPaths(r, http.Get("paths"), httpPath.Field("paths"));
            rules.Add(new IngressRule(host, paths, rule.Span));
        }
        return rules.DrainToImmutable();
    }

    private static ImmutableArray<IngressPath> ReadPaths(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var paths = ImmutableArray.CreateBuilder<IngressPath>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is not { } item) continue;
            var text = r.Text(item.Get("path"), itemPath.Field("path"));
            var pathType = r.Text(item.Get("pathType"), itemPath.Field("pathType"));
            var backend = ReadBackend(r, item.Get("backend"), itemPath.Field("backend"));
            paths.Add(new IngressPath(text, pathType, backend, item.Span));
        }
        return paths.DrainToImmutable();
    }

    private static ServiceBackend? ReadBackend(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var backend = r.Mapping(node, path);
        if (backend is null) return null;
        if (backend.Get("service") is not null)
        {
            var servicePath = path.Field("service");
            var service = r.Mapping(backend.Get("service"), servicePath);
            if (service is null) return null;
            var name = r.Text(service.Get("name"), servicePath.Field("name"));
            if (name is null)
            {
                r.Missing(service, servicePath.Field("name"));
                return null;
            }
            var portPath = servicePath.Field("port");
            var port = r.Mapping(service.Get("port"), portPath);
            PortRef? portRef = null;
            if (port is not null)
            {
                if (r.Integer(port.Get("number"), portPath.Field("number")) is { } number) portRef = PortRef.Of(number);
                else if (r.Text(port.Get("name"), portPath.Field("name")) is { } portName) portRef = PortRef.Of(portName);
            }
            return new ServiceBackend(name, portRef, service.Span);
        }
        if (r.Text(backend.Get("serviceName"), path.Field("serviceName")) is { } legacyName)
        {
            return new ServiceBackend(legacyName, r.IntOrString(backend.Get("servicePort"), path.Field("servicePort")), backend.Span);
        }
        return null;
    }

    private static ImmutableArray<IngressTls> ReadTls(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var tls = ImmutableArray.CreateBuilder<IngressTls>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is not { } item) continue;
            var hosts = r.StringList(item.Get("hosts"), itemPath.Field("hosts"));
            var secret = r.Text(item.Get("secretName"), itemPath.Field("secretName"));
            tls.Add(new IngressTls(hosts, secret, item.Span));
        }
        return tls.DrainToImmutable();
    }
}
