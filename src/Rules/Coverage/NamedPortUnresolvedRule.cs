using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Coverage;

/// <summary>
/// named-port-unresolved: a named port of a rule that matches no containerPort (same name, same
/// protocol) on any pod the port is resolved against. A named port resolves on the destination:
/// for an ingress rule the pods the policy selects, for an egress rule the pods its peers
/// select (every pod when the rule has no peers). When there is no such pod at all the rule
/// stays silent; policy-selects-nothing and peer-selects-nothing say so instead.
/// </summary>
public sealed class NamedPortUnresolvedRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "named-port-unresolved",
        "Named port resolves on none of the pods it applies to",
        Severity.Warning,
        "Coverage",
        "A policy port given by name (port: http) is resolved against the containerPorts of each destination pod, with the same " +
        "protocol. When no destination pod declares a containerPort of that name and protocol, the port allows nothing and the " +
        "traffic the rule was written for is blocked.",
        "Use the name exactly as the pod template's containerPorts[].name spells it (and the same protocol), " +
        "add the name to the container's ports, or use the port number.",
        [RuleTags.Correctness],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var policy in context.Cluster.NetworkPolicies)
        {
            foreach (var rule in policy.Ingress.AddRange(policy.Egress))
            {
                if (!policy.Isolates(rule.Direction)) continue;
                List<Pod>? destinations = null;
                foreach (var port in rule.Ports)
                {
                    if (port.Port is not { IsNamed: true } named) continue;
                    destinations ??= Destinations(context, policy, rule);
                    if (destinations.Count == 0 || destinations.Any(pod => Declares(pod, named.Name!, port.Protocol))) continue;
                    yield return Report(policy, port.Span,
                        $"{policy.Meta.Ref}: {PolicyText.RulePath(rule)} named port '{named.Name}' ({port.Protocol}) matches no containerPort " +
                        $"of the {destinations.Count} pod(s) it applies to, so it allows nothing");
                }
            }
        }
    }

    private static List<Pod> Destinations(LintContext context, NetworkPolicy policy, NetworkPolicyRule rule)
    {
        if (rule.Direction == PolicyDirections.Ingress)
        {
            return context.Workloads.SelectPods(policy.Namespace, policy.PodSelector).Select(p => p.Pod).ToList();
        }
        if (rule.AllowsAllPeers)
        {
            return context.Cluster.Workloads.SelectMany(w => w.Pods).ToList();
        }
        return rule.Peers.SelectMany(peer => context.Workloads.SelectPeerPods(policy.Namespace, peer))
            .Select(p => p.Pod)
            .Distinct(ReferenceEqualityComparer.Instance)
            .Cast<Pod>()
            .ToList();
    }

    private static bool Declares(Pod pod, string name, Protocol protocol)
    {
        foreach (var port in pod.Ports)
        {
            if (port.Name == name && port.Protocol == protocol) return true;
        }
        return false;
    }
}
