using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// service-target-port-unresolved: a Service port whose targetPort matches no containerPort of
/// a selected workload. A name must resolve on the selected pods (containerPorts with that name
/// and the port's protocol). A number is reported only when the selected pods declare
/// containerPorts of that protocol and none has that number: declaring ports is optional in
/// Kubernetes, so pods that declare none give no evidence. One finding per Service port, at it.
/// Services without a selector are left out: their Endpoints, not the pods, give the ports.
/// </summary>
public sealed class ServiceTargetPortUnresolvedRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "service-target-port-unresolved",
        "Service targetPort matches no containerPort",
        Severity.Error,
        "Exposure",
        "A named targetPort is looked up on each selected pod's containerPorts; when none has that name (with the same " +
        "protocol), the pod is not an endpoint of that port and connections to the Service port fail. A numeric targetPort " +
        "that none of the declared containerPorts has usually means the Service points at a port nobody listens on.",
        "Set targetPort to the name or number of a containerPort of the selected pods (check the protocol too), or add the " +
        "missing containerPort to the pod template.",
        [RuleTags.Correctness],
        0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var catalog = EntryPointFacts.Of(context).Catalog;
        // A Service without a selector is served on the ports its Endpoints give, not on containerPorts.
        foreach (var service in context.Cluster.Services.Where(s => s.HasSelector))
        {
            foreach (var port in service.Ports)
            {
                var unresolved = catalog.Backends(service).Where(w => !Matches(service, w, port)).Select(w => w.Id).ToList();
                if (unresolved.Count == 0) continue;
                var what = port.TargetPort.IsNamed ? $"named {port.TargetPort.Name}" : $"number {port.TargetPort.Number}";
                yield return Report(service, port.Span,
                    $"{service.Meta.Ref} port {port.Port}/{port.Protocol} targets containerPort {what}, which {string.Join(", ", unresolved)} " +
                    $"do{(unresolved.Count == 1 ? "es" : "")} not declare for {port.Protocol}, so traffic to that port reaches no pod of it; " +
                    "set targetPort to a containerPort the pods declare");
            }
        }
    }

    private static bool Matches(Service service, Workload backend, ServicePort port)
    {
        if (port.TargetPort.IsNamed) return !ServiceCatalog.TargetPorts(service, backend, port).IsEmpty;
        var declaresAny = false;
        foreach (var pod in backend.Pods)
        {
            if (!service.Selects(pod.Labels)) continue;
            foreach (var declared in pod.Ports)
            {
                if (declared.Protocol != port.Protocol) continue;
                if (declared.Number == port.TargetPort.Number) return true;
                declaresAny = true;
            }
        }
        return !declaresAny;
    }
}
