using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Rules.Coverage;

/// <summary>
/// peer-selects-nothing: a from/to peer given by selectors that matches no workload (or, for a
/// namespaceSelector alone, no namespace) in the input. ipBlock peers name addresses, not
/// objects, and are never reported. Rules of a direction the policy does not isolate are
/// skipped: Kubernetes ignores them, so what they select does not matter. A peer that matches
/// nothing in the input is then asked to the SMT solver: when no pod (or namespace) could ever
/// match it, its selectors contradict each other and the message says so (the question encodes
/// this one policy's selectors only, whatever the size of the input; an unfinished one keeps
/// the input-only message and is counted in the summary, see <see cref="SolverBudget"/>).
/// </summary>
public sealed class PeerSelectsNothingRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "peer-selects-nothing",
        "Rule peer selects no workload or namespace",
        Severity.Info,
        "Coverage",
        "A from/to entry of a policy rule matches no workload (or no namespace, for a namespaceSelector on its own) in the input. " +
        "The allowance has no effect on what was analysed. This is expected when the peer is deployed from elsewhere, " +
        "and a sign of a mistyped label or namespace otherwise.",
        "Check the selector's labels against the pod template labels of the intended peers, and remember that a podSelector " +
        "without a namespaceSelector only looks in the policy's own namespace. Namespaces are matched by their labels; " +
        "every namespace has kubernetes.io/metadata.name: <name>.",
        [RuleTags.Correctness],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var policy in context.Cluster.NetworkPolicies)
        {
            foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
            {
                if (!policy.Isolates(direction)) continue;
                foreach (var rule in policy.Rules(direction))
                {
                    foreach (var peer in rule.Peers)
                    {
                        if (Describe(context, policy, peer) is { } problem)
                        {
                            yield return Report(policy, peer.Span,
                                $"{policy.Meta.Ref}: {PolicyText.RulePath(rule)}.{PolicyText.PeerField(direction)} peer {PolicyText.Peer(peer)} {problem}");
                        }
                    }
                }
            }
        }
    }

    private static string? Describe(LintContext context, NetworkPolicy policy, NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is not null) return null;
        var namespaceOnly = peer.NamespaceSelector is { } && peer.PodSelector is null;
        if (namespaceOnly ? context.Workloads.SelectNamespaces(peer.NamespaceSelector!).Count > 0 : context.Workloads.SelectPeerPods(policy.Namespace, peer).Any())
        {
            return null;
        }
        if (context.Peer(policy, peer)?.Verdict == SelectorVerdict.Unsatisfiable)
        {
            return namespaceOnly
                ? "can never match any namespace: its requirements contradict each other"
                : "can never match any pod: its requirements contradict each other";
        }
        if (namespaceOnly) return "matches no namespace in the input";
        return peer.NamespaceSelector is null
            ? $"matches no workload in namespace {policy.Namespace}"
            : "matches no workload in the input";
    }
}
