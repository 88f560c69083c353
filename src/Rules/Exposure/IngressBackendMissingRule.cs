using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// ingress-backend-missing: an Ingress or Route backend naming a Service that is not in the
/// input (in the Ingress's namespace), or a Service port it does not have (Ingress: the port
/// number or port name; Route: spec.port.targetPort, matched as the router does). At the backend.
/// </summary>
public sealed class IngressBackendMissingRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "ingress-backend-missing",
        "Ingress or Route names a missing Service or port",
        Severity.Error,
        "Exposure",
        "The ingress controller cannot route to a Service or Service port that does not exist: requests for that host and " +
        "path get 503 or the default backend.",
        "Correct the backend's service name and port (number or name) to an existing Service port in the same namespace, " +
        "or add the missing Service.",
        [RuleTags.Correctness],
        0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var catalog = EntryPointFacts.Of(context).Catalog;
        foreach (var ingress in context.Cluster.Ingresses)
        {
            foreach (var backend in ingress.Backends)
            {
                if (Problem(catalog, ingress, backend, (s, p) => s.PortsNamedByIngress(p)) is { } problem) yield return Report(ingress, backend.Span, problem);
            }
        }
        foreach (var route in context.Cluster.Routes)
        {
            foreach (var backend in route.Backends)
            {
                if (Problem(catalog, route, backend, (s, p) => s.PortsNamedByRoute(p)) is { } problem) yield return Report(route, backend.Span, problem);
            }
        }
    }

    private static string? Problem(
        ServiceCatalog catalog, IManifestObject owner, ServiceBackend backend, Func<Service, PortRef?, System.Collections.Immutable.ImmutableArray<ServicePort>> portsOf)
    {
        var ns = owner.Meta.Namespace;
        if (catalog.Find(ns, backend.ServiceName) is not { } service)
        {
            return $"{owner.Meta.Ref} sends traffic to Service {ns}/{backend.ServiceName}, which is not in the input, so the controller has nowhere to route it; " +
                   "correct the service name or add the Service";
        }
        if (backend.Port is { } port && portsOf(service, port).IsEmpty)
        {
            var known = string.Join(", ", service.Ports.Select(p => p.Name is { Length: > 0 } n ? $"{p.Port} ({n})" : p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return $"{owner.Meta.Ref} sends traffic to port {port} of {service.Meta.Ref}, which has no such port (it has {(known.Length == 0 ? "none" : known)}); " +
                   "use one of the Service's ports";
        }
        return null;
    }
}
