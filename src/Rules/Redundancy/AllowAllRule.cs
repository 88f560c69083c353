using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Redundancy;

/// <summary>
/// allow-all-rule: a NetworkPolicy rule that allows every source (destination) on every port:
/// no peers, or an ipBlock of 0.0.0.0/0 or ::/0 without except; and no ports, or every port of
/// TCP, UDP and SCTP. Rules of a direction the policy does not isolate are ignored by
/// Kubernetes and are not reported. A policy gets one finding, at its first such rule, naming
/// every such rule: opening a policy wide is one decision, to be accepted or fixed once.
/// </summary>
public sealed partial class AllowAllRule : LintRule
{
    private static readonly string[] EverywhereCidrs = ["0.0.0.0/0", "::/0"];

    public static RuleDescriptor Rule { get; } = new(
        "allow-all-rule",
        "Rule allows every source or destination on every port",
        Severity.Info,
        "Redundancy",
        "The rule allows all traffic in its direction: 'ingress: [{}]', a rule with no from/to and no ports, or an ipBlock of " +
        "0.0.0.0/0 or ::/0 on every port. The pods it selects are then as open in that direction as pods with no policy, " +
        "which is sometimes intended (a public front end) and often a leftover from debugging.",
        "Replace the rule with the peers and ports the workload really needs. If the openness is intended, say so with " +
        "'policylint.io/ignore: allow-all-rule' and a 'policylint.io/ignore-reason' annotation on the policy.",
        [RuleTags.Security],
        5.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var policy in context.Cluster.NetworkPolicies)
        {
            var openings = policy.Ingress.AddRange(policy.Egress)
                .Where(rule => policy.Isolates(rule.Direction) && AllowsEveryPort(rule))
                .Select(Opening)
                .OfType<(SourceSpan Span, string Text)>()
                .ToList();
            if (openings.Count == 0) continue;
            // One finding per policy: 'egress: [{}]' written on purpose is one decision, however many rules say it.
            yield return Report(policy, openings[0].Span,
                $"{policy.Meta.Ref}: {string.Join("; ", openings.Select(o => o.Text))}");
        }
        foreach (var finding in CalicoPolicies(context)) yield return finding;
        foreach (var (policy, rule, message) in CiliumFindings.AllowingEverything(context.Cluster))
        {
            yield return Report(policy, rule.Span, message);
        }
    }

    /// <summary>Where and how the rule allows everything in its direction; null when it does not.</summary>
    private static (SourceSpan Span, string Text)? Opening(NetworkPolicyRule rule)
    {
        var whom = rule.Direction == PolicyDirections.Egress ? "destination" : "source";
        if (rule.AllowsAllPeers) return (rule.Span, $"{PolicyText.RulePath(rule)} allows every {whom} on every port");
        var everywhere = rule.Peers.FirstOrDefault(IsEverywhere);
        return everywhere is null
            ? null
            : (everywhere.Span, $"{PolicyText.RulePath(rule)} allows every {whom} address ({everywhere.IpBlock!.Cidr}) on every port");
    }

    private static bool IsEverywhere(NetworkPolicyPeer peer) =>
        peer.IpBlock is { } block && block.Except.IsDefaultOrEmpty && EverywhereCidrs.Contains(block.Cidr.Text.Trim());

    private static bool AllowsEveryPort(NetworkPolicyRule rule)
    {
        if (rule.AllowsAllPorts) return true;
        foreach (var protocol in Protocols.All)
        {
            if (!rule.Ports.Any(p => p.Protocol == protocol && p.Port is null)) return false;
        }
        return true;
    }
}
