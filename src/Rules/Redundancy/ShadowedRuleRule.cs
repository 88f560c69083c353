using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Rules.Redundancy;

/// <summary>
/// shadowed-rule: an AdminNetworkPolicy or BaselineAdminNetworkPolicy rule that never decides
/// a connection, for every possible pod, because earlier rules (higher priority, or earlier in
/// the same policy) decide all of its traffic. A rule that still decides some connection
/// (partially shadowed) is not reported, nor is a rule that matches no connection at all.
/// The message says whether a shadowing rule has another action (the rule's intent is
/// overridden: likely a bug) or all have the same (the rule is dead weight). The question
/// encodes the cluster-scoped policies only; one unfinished within the <see cref="SolverBudget"/>
/// is counted in the summary.
/// </summary>
public sealed class ShadowedRuleRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "shadowed-rule",
        "Cluster policy rule is shadowed by earlier rules",
        Severity.Warning,
        "Redundancy",
        "An AdminNetworkPolicy or BaselineAdminNetworkPolicy rule never decides any connection, for every pod that could exist, " +
        "because rules evaluated before it (in policies with a lower priority number, or earlier in the same policy) " +
        "already decide all of its traffic, whatever their action. When a shadowing rule has a different action, the rule's " +
        "intent is silently overridden, which is usually a bug; when all have the same action, the rule is dead weight.",
        "Move the rule before the rules that shadow it (a lower priority number, or earlier in the policy), narrow those " +
        "rules, or delete the rule if it is dead weight.",
        [RuleTags.Correctness],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context) =>
        CalicoNotChecked.Note(this, context, "shadowed rules").Concat(CiliumFindings.SkippedBySolver(context.Cluster, Rule.Id, "shadowing") is { } skipped ? [.. Encoded(context), skipped] : Encoded(context));

    private IEnumerable<Diagnostic> Encoded(LintContext context)
    {
        if (context.Cluster.AdminPolicies.IsEmpty) return [];
        var answers = context.Proofs.AdminRules;
        return AdminRules(context)
            .Select(r => answers[r])
            .OfType<AdminRuleShadowing>()
            .Where(r => r.Kind == AdminShadowingKind.Shadowed)
            .Select(r => Report(r.Rule.Policy, r.Rule.Span, Message(r)))
            .ToList();
    }

    private static IEnumerable<AdminRuleRef> AdminRules(LintContext context)
    {
        foreach (var policy in context.Cluster.AdminPolicies)
        {
            foreach (var direction in new[] { Analyzer.Model.PolicyDirections.Ingress, Analyzer.Model.PolicyDirections.Egress })
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++) yield return new AdminRuleRef(policy, direction, i);
            }
        }
    }

    private static string Message(AdminRuleShadowing result)
    {
        var rule = result.Rule.Rule;
        var shadowing = result.ShadowingRules;
        var different = shadowing.Where(s => s.Rule.Action != rule.Action).ToList();
        var action = result.Rule.Policy.ActionName(rule.Action);
        var verdict = different.Count == 0
            ? $"the same action ({action}), so the rule is dead weight"
            : different.Count == shadowing.Length
                ? $"a different action than this rule's {action}, so its intent is overridden (likely a bug)"
                : $"a different action for {SmtText.Rules(different)} than this rule's {action}, so its intent is overridden (likely a bug)";
        return $"{result.Rule.Policy.Meta.Ref}: {SmtText.AdminRulePath(rule)}{SmtText.Named(rule)} ({action}) never decides any connection, " +
            $"for every possible pod: {SmtText.Rules(shadowing)} {(shadowing.Length == 1 ? "decides" : "decide")} all of its traffic first, with {verdict}";
    }
}
