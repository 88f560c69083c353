using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Rules.Coverage;

/// <summary>
/// policy-selects-nothing: a NetworkPolicy whose podSelector matches no workload of its
/// namespace in the input. An empty podSelector is never reported: it is a namespace-wide
/// baseline (default deny) meant for pods that are deployed later as well. A selector that
/// matches nothing in the input is then asked to the SMT solver: when no pod could ever match
/// it (contradictory requirements, e.g. app=a with app NotIn (a)), the message says so, since
/// deploying more workloads will not help. The question encodes this one policy's selectors
/// only, whatever the size of the input; when it is unfinished within the
/// <see cref="SolverBudget"/> (counted in the summary), the input-only message is kept.
/// </summary>
public sealed partial class PolicySelectsNothingRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "policy-selects-nothing",
        "Policy selects no workload",
        Severity.Warning,
        "Coverage",
        "The policy's podSelector matches no pod of any workload in the policy's namespace, so the policy has no effect on the input. " +
        "Usually a label was mistyped, the policy is in the wrong namespace, or the workload it protected was removed.",
        "Compare the podSelector with the labels of the pod templates (spec.template.metadata.labels, not the Deployment's own labels) " +
        "and with the policy's namespace; delete the policy if its workload is gone.",
        [RuleTags.Correctness, RuleTags.Security],
        4.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var policy in context.Cluster.NetworkPolicies)
        {
            if (policy.PodSelector.SelectsEverything || context.Policies.SelectedBy(policy).Count > 0) continue;
            yield return Report(policy, policy.PodSelector.Span, Message(context, policy));
        }
        foreach (var finding in CalicoPolicies(context)) yield return finding;
        foreach (var (policy, rule, message) in CiliumFindings.SelectingNothing(context.Cluster))
        {
            yield return Report(policy, rule.Subject!.Written.Span, message);
        }
    }

    private static string Message(LintContext context, NetworkPolicy policy) =>
        context.PolicySelector(policy)?.Verdict == SelectorVerdict.Unsatisfiable
            ? $"{policy.Meta.Ref}: podSelector {policy.PodSelector} can never match any pod, its requirements contradict each other, so the policy has no effect"
            : $"{policy.Meta.Ref}: podSelector {policy.PodSelector} matches no workload in namespace {policy.Namespace}, so the policy has no effect";
}
