namespace PolicyLint.Rules.Coverage;

/// <summary>
/// Calico policies: one whose selectors (selector, namespaceSelector, serviceAccountSelector)
/// select no pod of the input. A policy for every endpoint (<c>all()</c> and nothing else) is a
/// baseline meant for later pods too and is never reported.
/// </summary>
public sealed partial class PolicySelectsNothingRule
{
    private IEnumerable<Diagnostic> CalicoPolicies(LintContext context)
    {
        var selecting = context.Reachability.CalicoPoliciesSelectingPods();
        foreach (var policy in context.Cluster.Calico.Policies)
        {
            var everything = policy.Selector is Analyzer.Model.CalicoAll && policy.NamespaceSelector is null && policy.ServiceAccountSelector is null;
            if (everything || selecting.Contains(policy.Meta.Ref)) continue;
            var where = policy.Global ? "in any namespace" : $"in namespace {policy.Namespace}";
            yield return Report(policy, policy.Meta.Span, $"{policy.Meta.Ref}: selector {policy.Selector} selects no workload {where}, so the policy has no effect");
        }
    }
}
