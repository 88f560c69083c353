using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>
/// service-external-ips: a Service that sets externalIPs. Every node captures traffic to those
/// addresses on the Service's ports, for any client, so a Service can hijack an address it does
/// not own (CVE-2020-8554). One finding per Service, at spec.externalIPs; the message says
/// whether the backends accept outside traffic.
/// </summary>
public sealed class ServiceExternalIpsRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "service-external-ips",
        "Service sets externalIPs",
        Severity.Warning,
        "Exposure",
        "kube-proxy on every node captures traffic to a Service's externalIPs on its ports and sends it to the backends, " +
        "whoever owns those addresses. Anyone allowed to create Services can so intercept traffic meant for another " +
        "address (CVE-2020-8554), and the backends are reachable from wherever that address is.",
        "Use a LoadBalancer Service, or an Ingress, to publish the workload; block externalIPs cluster-wide with an admission " +
        "policy (for example the DenyServiceExternalIPs admission plugin).",
        [RuleTags.Security],
        5.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        var entries = EntryPointFacts.Of(context).EntryPoints.Where(e => e.Kind == EntryPointKind.ExternalIP).ToLookup(e => e.Service!);
        foreach (var service in context.Cluster.Services)
        {
            if (service.ExternalIPs.IsDefaultOrEmpty) continue;
            var exposed = entries[service].Where(e => e.IsExposed).ToList();
            var ports = string.Join(", ", service.Ports.Select(p => $"{p.Port}/{p.Protocol}"));
            var reach = exposed.Count == 0
                ? "its backends accept no outside traffic today"
                : $"{EntryPointText.AcceptingBackends(exposed[0])} accept{(exposed[0].AcceptingBackends == 1 ? "s" : "")} it from {EntryPointText.Sources(exposed[0])}";
            yield return Report(service, service.ExternalIPsSpan,
                $"{service.Meta.Ref} captures traffic to {string.Join(", ", service.ExternalIPs)} on {(ports.Length == 0 ? "no port" : ports)} on every node ({reach}); " +
                "publish it through a LoadBalancer or an Ingress instead of externalIPs");
        }
    }
}
