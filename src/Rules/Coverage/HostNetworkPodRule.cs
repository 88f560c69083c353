using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Coverage;

/// <summary>
/// host-network-pod: a workload whose pods use the node's network namespace. Reported under
/// both profiles: the netpol-analyzer profile analyses such pods as ordinary pods, which is a
/// reading of the specification, while the operational fact (enforcement is up to the network
/// plugin) stays true whatever the analysis assumes.
/// </summary>
public sealed class HostNetworkPodRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "host-network-pod",
        "Workload uses the host network",
        Severity.Info,
        "Coverage",
        "Pods with hostNetwork: true share the node's network namespace and IP address. The NetworkPolicy specification leaves " +
        "their treatment to the network plugin: most plugins neither isolate them nor can tell them apart from the node, so " +
        "policies that select them, or allow traffic from them by pod selector, may not be enforced as written.",
        "Avoid hostNetwork unless the workload really needs the node's interfaces (CNI agents, node exporters). " +
        "Otherwise protect it with the node's firewall or your plugin's host policies, and allow it by ipBlock of the node " +
        "addresses rather than by pod selector.",
        [RuleTags.Security, RuleTags.Portability],
        3.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var workload in context.Cluster.Workloads)
        {
            var pod = workload.Pods.FirstOrDefault(p => p.HostNetwork);
            if (pod is null) continue;
            yield return Report(workload, pod.Span,
                $"{workload.Meta.Ref} runs with hostNetwork: true; whether NetworkPolicies apply to its pods depends on the network plugin");
        }
    }
}
