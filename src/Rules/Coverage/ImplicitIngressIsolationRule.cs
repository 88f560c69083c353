using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Coverage;

/// <summary>
/// implicit-ingress-isolation: a policy with egress rules, no ingress rules and no policyTypes.
/// The API server defaults policyTypes to [Ingress, Egress], so the policy also denies all
/// ingress to its pods. A policy that has ingress rules too is left alone: there the ingress
/// isolation is evidently meant.
/// </summary>
public sealed class ImplicitIngressIsolationRule : LintRule
{
    public static RuleDescriptor Rule { get; } = new(
        "implicit-ingress-isolation",
        "Egress-only policy without policyTypes also denies all ingress",
        Severity.Warning,
        "Coverage",
        "When policyTypes is omitted, Kubernetes always adds Ingress and adds Egress only when the policy has egress rules. " +
        "A policy written to restrict egress therefore also isolates its pods for ingress, and since it has no ingress rules " +
        "it blocks every incoming connection that no other policy allows. This is rarely what the author meant.",
        "Declare the intent: add 'policyTypes: [Egress]' when the policy should only restrict egress, or " +
        "'policyTypes: [Ingress, Egress]' when denying ingress is intended.",
        [RuleTags.Correctness, RuleTags.Coverage],
        0.0);

    public override RuleDescriptor Descriptor => Rule;

    public override IEnumerable<Diagnostic> Analyze(LintContext context)
    {
        foreach (var policy in context.Cluster.NetworkPolicies)
        {
            if (policy.PolicyTypesDeclared || policy.Egress.IsDefaultOrEmpty || !policy.Ingress.IsDefaultOrEmpty) continue;
            yield return Report(policy, policy.Meta.Span,
                $"{policy.Meta.Ref} has egress rules but no policyTypes, so Kubernetes also isolates its pods for ingress " +
                "and, having no ingress rules, it denies them all incoming traffic; add 'policyTypes: [Egress]' if that is not intended");
        }
    }
}
