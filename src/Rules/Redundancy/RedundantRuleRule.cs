using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Rules.Redundancy;

/// <summary>
/// redundant-rule: a NetworkPolicy rule whose every connection, for every possible pod, other
/// rules applying to the same pods allow too (warning). A rule that is redundant only for the
/// pods in the input, while some pod that could be deployed later would lose a connection
/// without it, is reported too, under the same id at severity info, with that pod as witness:
/// worth knowing, but removing the rule is a decision about future pods.
/// <para>
/// When rules cover each other (two identical rules), only one of them is reported: a covered
/// rule is skipped when its cover contains a later rule that is itself covered (for every pod,
/// for the warning; for every pod or the input pods, for the info). Every rule reported as a
/// warning can then be removed at the same time; a few removable rules may stay unreported
/// until the reported ones are gone. An info finding whose cover holds a rule reported as a
/// warning is dropped: that rule is about to go. Each question encodes the rule's own namespace
/// (see PolicyScope), whatever the size of the input; one unfinished within the
/// <see cref="SolverBudget"/> reports nothing and is counted in the summary. Rules that allow nothing (peer-selects-nothing and
/// policy-selects-nothing say why) and rules of directions the policy does not isolate are
/// not reported, nor are rules of policies the loader reported an error for, or rules covered by one (the API
/// server would reject such a policy).
/// </para>
/// </summary>
public sealed class RedundantRuleRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "redundant-rule",
        "Rule allows nothing other rules do not already allow",
        Severity.Warning,
        "Redundancy",
        "Every connection the rule allows, for every pod that could exist (any namespace, any labels), is also allowed by " +
        "other rules that apply to the same pods in the same direction, so removing it changes nothing. The check is made " +
        "by an SMT solver over every possible pod, not only the pods in the input; the message names the covering rules. " +
        "A rule that is redundant for the pods in the input only is reported at severity info, with a pod that could exist " +
        "and that only this rule lets through.",
        "Delete the rule, or, when it was meant to allow something the covering rules do not, make the covering rules " +
        "narrower. For the info finding, keep the rule if pods like the one in the message may be deployed.",
        [RuleTags.Maintainability],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context) =>
        CalicoNotChecked.Note(this, context, "redundant rules").Concat(CiliumFindings.SkippedBySolver(context.Cluster, Rule.Id, "redundancy") is { } skipped ? [.. Encoded(context), skipped] : Encoded(context));

    private IEnumerable<Diagnostic> Encoded(LintContext context)
    {
        if (context.Cluster.NetworkPolicies.IsDefaultOrEmpty) return [];
        var answers = context.Proofs;
        var rules = RulesInInputOrder(context);
        var order = new Dictionary<NetworkPolicyRuleRef, int>();
        for (var i = 0; i < rules.Count; i++) order[rules[i]] = i;
        var everyPod = rules.Select(r => answers.RulesForEveryPod[r]).OfType<RuleRedundancy>().ToList();
        var invalid = InvalidObjects.Of(context);
        var coveredForEveryPod = Covered(everyPod);
        var warnings = Reportable(everyPod, order, coveredForEveryPod, invalid);

        var inputPods = everyPod
            .Where(r => r.Kind == RuleRedundancyKind.NotRedundant && !invalid.Contains(r.Rule.Policy.Meta.Ref))
            .Select(r => answers.RulesForInputPods[r.Rule])
            .OfType<RuleRedundancy>()
            .ToList();
        var coveredForInputPods = Covered(inputPods);
        coveredForInputPods.UnionWith(coveredForEveryPod);
        var reported = warnings.Select(w => w.Rule).ToHashSet();
        var infos = Reportable(inputPods, order, coveredForInputPods, invalid)
            .Where(r => !r.CoveringRules.Any(reported.Contains));
        var witnesses = everyPod.Where(r => r.Witness is not null).ToDictionary(r => r.Rule, r => r.Witness!);

        return [.. warnings.Select(EveryPod), .. infos.Select(r => InputOnly(r, witnesses[r.Rule]))];
    }

    /// <summary>Every rule of every policy, in policy order, ingress before egress.</summary>
    private static List<NetworkPolicyRuleRef> RulesInInputOrder(LintContext context)
    {
        var rules = new List<NetworkPolicyRuleRef>();
        foreach (var policy in context.Cluster.NetworkPolicies)
        {
            foreach (var direction in new[] { Analyzer.Model.PolicyDirections.Ingress, Analyzer.Model.PolicyDirections.Egress })
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++) rules.Add(new NetworkPolicyRuleRef(policy, direction, i));
            }
        }
        return rules;
    }

    private static HashSet<NetworkPolicyRuleRef> Covered(IEnumerable<RuleRedundancy> results) =>
        results.Where(r => r.Kind == RuleRedundancyKind.Covered).Select(r => r.Rule).ToHashSet();

    /// <summary>
    /// The covered rules worth a finding: of rules that cover each other, the last one (see the
    /// class comment); none whose cover holds a policy the loader reported an error for.
    /// </summary>
    private static List<RuleRedundancy> Reportable(
        IEnumerable<RuleRedundancy> results, Dictionary<NetworkPolicyRuleRef, int> order,
        HashSet<NetworkPolicyRuleRef> covered, HashSet<ObjectRef> invalid) =>
        results.Where(r => r.Kind == RuleRedundancyKind.Covered
                && !invalid.Contains(r.Rule.Policy.Meta.Ref)
                && !r.CoveringRules.Any(c => invalid.Contains(c.Policy.Meta.Ref))
                && !CoveredByLaterRedundantRule(r, order, covered))
            .ToList();

    /// <summary>Of rules that cover each other, the last one is reported (see the class comment).</summary>
    private static bool CoveredByLaterRedundantRule(RuleRedundancy result, Dictionary<NetworkPolicyRuleRef, int> order, HashSet<NetworkPolicyRuleRef> covered)
    {
        var position = order[result.Rule];
        foreach (var cover in result.CoveringRules)
        {
            if (order[cover] > position && covered.Contains(cover)) return true;
        }
        return false;
    }

    private Diagnostic EveryPod(RuleRedundancy result) =>
        Report(result.Rule.Policy, result.Rule.Span,
            $"{result.Rule.Policy.Meta.Ref}: {PolicyText.RulePath(result.Rule.Rule)} is redundant: every connection it allows is also allowed by " +
            $"{SmtText.Rules(result.CoveringRules)}, for every possible pod");

    private Diagnostic InputOnly(RuleRedundancy result, WitnessConnection witness) =>
        new(Descriptor.Id, Severity.Info,
            $"{result.Rule.Policy.Meta.Ref}: {PolicyText.RulePath(result.Rule.Rule)} is redundant for the pods in these manifests " +
            $"(covered by {SmtText.Rules(result.CoveringRules)}), but not for every pod: a connection {SmtText.Connection(witness)} " +
            "is allowed only by this rule",
            result.Rule.Span.IsKnown ? result.Rule.Span : result.Rule.Policy.Meta.Span,
            result.Rule.Policy.Meta.Ref);
}
