using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Exposure;

/// <summary>host-port: a container port with hostPort, at the hostPort field; once per workload and port.</summary>
public sealed class HostPortRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "host-port",
        "Container sets hostPort",
        Severity.Warning,
        "Exposure",
        "A hostPort makes the node forward that port to the pod. The port is reachable on the node's address by anything " +
        "that can reach the node, and many network plugins do not apply NetworkPolicies to that traffic; it also limits " +
        "scheduling to one such pod per node.",
        "Remove hostPort and publish the port through a Service (ClusterIP with an Ingress, or a LoadBalancer); keep " +
        "hostPort only for node agents that must listen on the node, and firewall the node.",
        [RuleTags.Security],
        5.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var entry in EntryPointFacts.Of(context).EntryPoints)
        {
            if (entry.Kind != EntryPointKind.HostPort) continue;
            var backend = entry.Backends[0].Target;
            yield return Report(entry.Object, entry.Span,
                $"{entry.Object} listens on hostPort {entry.PortText} of {entry.Via} (container port {EntryPointText.Ports(backend)}), open to {EntryPointText.Sources(entry)}; " +
                "remove hostPort and publish the port through a Service");
        }
    }
}
