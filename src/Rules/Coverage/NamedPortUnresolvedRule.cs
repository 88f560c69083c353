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
        var destinations = new Destinations(context);
        foreach (var policy in context.Cluster.NetworkPolicies)
        {
            foreach (var rule in policy.Ingress.AddRange(policy.Egress))
            {
                if (!policy.Isolates(rule.Direction)) continue;
                IReadOnlyList<NamedPorts>? ruleDestinations = null;
                foreach (var port in rule.Ports)
                {
                    if (port.Port is not { IsNamed: true } named) continue;
                    ruleDestinations ??= destinations.Of(policy, rule);
                    if (!ruleDestinations.Any(d => d.HasPods)) continue;
                    if (ruleDestinations.Any(d => d.Declares(named.Name!, port.Protocol))) continue;
                    yield return Report(policy, port.Span,
                        $"{policy.Meta.Ref}: {PolicyText.RulePath(rule)} named port '{named.Name}' ({port.Protocol}) matches no containerPort " +
                        "of the pods it applies to, so it allows nothing");
                }
            }
        }
    }

    /// <summary>
    /// The pods a rule's named ports resolve on, as port-name sets remembered per policy (ingress)
    /// and per peer (egress): policies repeat the same peers, and one peer may cover thousands
    /// of pods.
    /// </summary>
    private sealed class Destinations(LintContext context)
    {
        private readonly Dictionary<NetworkPolicy, NamedPorts> _byPolicy = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, NamedPorts> _byPeer = new(StringComparer.Ordinal);
        private NamedPorts? _everyPod;

        public IReadOnlyList<NamedPorts> Of(NetworkPolicy policy, NetworkPolicyRule rule)
        {
            if (rule.Direction == PolicyDirections.Ingress) return [Selected(policy)];
            if (rule.AllowsAllPeers) return [_everyPod ??= NamedPorts.Of(context.Cluster.Workloads.SelectMany(w => w.Pods))];
            return rule.Peers.Select(peer => Peer(policy, peer)).ToList();
        }

        private NamedPorts Selected(NetworkPolicy policy)
        {
            if (!_byPolicy.TryGetValue(policy, out var ports))
            {
                ports = NamedPorts.Of(context.Workloads.SelectPods(policy.Namespace, policy.PodSelector).Select(p => p.Pod));
                _byPolicy.Add(policy, ports);
            }
            return ports;
        }

        private NamedPorts Peer(NetworkPolicy policy, NetworkPolicyPeer peer)
        {
            var key = (peer.NamespaceSelector is null ? policy.Namespace : "") + "|" + PolicyText.Peer(peer);
            if (!_byPeer.TryGetValue(key, out var ports))
            {
                ports = NamedPorts.Of(context.Workloads.SelectPeerPods(policy.Namespace, peer).Select(p => p.Pod));
                _byPeer.Add(key, ports);
            }
            return ports;
        }
    }

    /// <summary>Whether a destination set has pods at all, and the port names they declare, by protocol.</summary>
    private sealed class NamedPorts
    {
        private readonly HashSet<(string, Protocol)> _names = [];

        public bool HasPods { get; private set; }

        public static NamedPorts Of(IEnumerable<Pod> pods)
        {
            var result = new NamedPorts();
            foreach (var pod in pods)
            {
                result.HasPods = true;
                foreach (var port in pod.Ports)
                {
                    if (port.Name is { } name) result._names.Add((name, port.Protocol));
                }
            }
            return result;
        }

        public bool Declares(string name, Protocol protocol) => _names.Contains((name, protocol));
    }
}
