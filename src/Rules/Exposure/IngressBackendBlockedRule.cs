using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// ingress-backend-blocked: policies stop the ingress controller from reaching backend pods of
/// an Ingress or Route backend on the resolved target port. Backends whose target port does not
/// resolve are left to service-target-port-unresolved. At the backend, once per Service port.
/// </summary>
public sealed class IngressBackendBlockedRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "ingress-backend-blocked",
        "Policies block the ingress controller from an Ingress backend",
        Severity.Warning,
        "Exposure",
        "The Ingress (or Route) sends requests to the Service's pods, but their NetworkPolicies do not admit the ingress " +
        "controller on the target port: requests time out or get 502/504 from the controller.",
        "Add an ingress rule to the backend's NetworkPolicy that admits the ingress controller's pods (by namespaceSelector " +
        "and podSelector) on the target port.",
        [RuleTags.Correctness],
        0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var entry in EntryPointFacts.Of(context).EntryPoints)
        {
            if (entry.Kind is not (EntryPointKind.Ingress or EntryPointKind.Route)) continue;
            var blocked = entry.Backends.Where(b => b.Target.Resolved && !b.Accepts).ToList();
            if (blocked.Count == 0) continue;
            var pods = string.Join(", ", blocked.Select(b => $"{b.Target.Id} on {EntryPointText.Ports(b.Target)}/TCP"));
            var why = EntryPointFacts.WhyRefused(context, blocked.Select(b => b.Target.Workload).OfType<Analyzer.Model.Workload>());
            yield return Report(entry.Object, entry.Span,
                $"{entry.Object} routes {entry.Via} to {entry.Service!.Meta.Ref} port {entry.ServicePort!.Port}, but the ingress controller may not reach {pods} ({why}); " +
                "add an ingress rule admitting the ingress controller on the target port");
        }
    }
}
