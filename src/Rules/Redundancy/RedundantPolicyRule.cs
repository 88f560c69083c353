using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Rules.Redundancy;

/// <summary>
/// redundant-policy: removing the NetworkPolicy changes no pod's isolation and no allowed
/// connection, for every possible pod. A policy whose podSelector can never match a pod is
/// left to policy-selects-nothing. Two policies may each be redundant only because of the
/// other (two copies): so that every reported policy can be removed, at most one policy per
/// namespace is reported per run, the last redundant one in input order; lint again after
/// removing it. Policies of different namespaces never affect each other's pods. Namespaces
/// holding a policy the loader reported an error for are skipped: the API server would reject
/// that policy, while the encoding still counts what is left of it. Each question encodes the
/// policies of the namespace and of the namespaces they name (see PolicyScope); one unfinished
/// within the <see cref="SolverBudget"/> counts as not redundant and in the summary.
/// </summary>
public sealed class RedundantPolicyRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "redundant-policy",
        "Policy changes nothing",
        Severity.Warning,
        "Redundancy",
        "Removing the policy would change no pod's isolation and no allowed connection, for every pod that could exist " +
        "(checked by an SMT solver, not only on the pods in the input): other policies isolate the pods it selects and " +
        "allow everything its rules allow. The message says which policies isolate the same pods.",
        "Delete the policy, or fix it if it was meant to allow or isolate something the other policies do not.",
        [RuleTags.Maintainability],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context) =>
        CalicoNotChecked.Note(this, context, "redundant policies").Concat(CiliumFindings.SkippedBySolver(context.Cluster, Rule.Id, "redundancy") is { } skipped ? [.. Encoded(context), skipped] : Encoded(context));

    private IEnumerable<Diagnostic> Encoded(LintContext context)
    {
        if (context.Cluster.NetworkPolicies.IsDefaultOrEmpty) return [];
        var answers = context.Proofs.Policies;
        var lastRedundant = new Dictionary<string, NetworkPolicy>(StringComparer.Ordinal);
        var invalid = InvalidObjects.Of(context);
        var namespacesWithInvalidPolicies = context.Cluster.NetworkPolicies
            .Where(p => invalid.Contains(p.Meta.Ref)).Select(p => p.Namespace).ToHashSet(StringComparer.Ordinal);
        foreach (var policy in context.Cluster.NetworkPolicies)
        {
            if (namespacesWithInvalidPolicies.Contains(policy.Namespace)) continue;
            if (answers[policy] is not { IsRedundant: true }) continue;
            if (context.Proofs.RedundantPolicySelectors[policy] is not { Verdict: not SelectorVerdict.Unsatisfiable }) continue;
            lastRedundant[policy.Namespace] = policy;
        }
        return context.Cluster.NetworkPolicies
            .Where(p => lastRedundant.TryGetValue(p.Namespace, out var reported) && ReferenceEquals(reported, p))
            .Select(p => Report(p, p.Meta.Span, Message(context, p)))
            .ToList();
    }

    private static string Message(LintContext context, NetworkPolicy policy)
    {
        var cluster = context.Cluster;
        var reasons = new List<string>();
        foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
        {
            if (!policy.Isolates(direction)) continue;
            var others = cluster.NetworkPolicies
                .Where(p => !ReferenceEquals(p, policy) && p.Namespace == policy.Namespace && p.Isolates(direction))
                .ToList();
            // A namespace-wide policy is what isolates any pod; name only those when there are some.
            var namespaceWide = others.Where(p => p.PodSelector.SelectsEverything).ToList();
            var names = (namespaceWide.Count > 0 ? namespaceWide : others).Select(p => p.Name).ToList();
            reasons.Add($"the pods it selects are isolated for {PolicyText.Direction(direction)} by other policies as well " +
                $"(of namespace {policy.Namespace}: {PolicyText.Some(names)})");
        }
        reasons.Add(WhyItsRulesChangeNothing(context, policy));
        return $"{policy.Meta.Ref}: removing the policy changes no pod's isolation and no allowed connection, for every possible pod: " +
            string.Join("; ", reasons);
    }

    /// <summary>
    /// Either other rules allow everything its rules allow, or some connection only it allows is
    /// denied anyway at the other end (the peer's own isolation), which is a different fix.
    /// </summary>
    private static string WhyItsRulesChangeNothing(LintContext context, NetworkPolicy policy)
    {
        var rules = 0;
        foreach (var direction in new[] { PolicyDirections.Ingress, PolicyDirections.Egress })
        {
            if (!policy.Isolates(direction)) continue;
            for (var i = 0; i < policy.Rules(direction).Length; i++)
            {
                rules++;
                if (context.Proofs.RulesForEveryPod[new NetworkPolicyRuleRef(policy, direction, i)]?.Kind == RuleRedundancyKind.NotRedundant)
                {
                    return $"{PolicyText.RulePath(policy.Rules(direction)[i])} allows connections no other rule allows, " +
                        "but the policies at the other end deny them all";
                }
            }
        }
        return rules == 0 ? "it has no rules" : "every connection its rules allow, other policies allow too";
    }
}
