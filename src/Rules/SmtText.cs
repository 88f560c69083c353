using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Rules;

/// <summary>
/// How findings of the SMT-backed rules name rules and witnesses: the policy, the rule's field
/// path and file:line, and a witness connection in words, so that text, JSON and SARIF all
/// carry the same evidence in the message.
/// </summary>
public static class SmtText
{
    /// <summary><c>NetworkPolicy ns/name spec.ingress[1] (file:line:col)</c>.</summary>
    public static string Rule(NetworkPolicyRuleRef rule) =>
        $"{rule.Policy.Meta.Ref} {PolicyText.RulePath(rule.Rule)}{At(rule.Span)}";

    /// <summary><c>AdminNetworkPolicy name spec.egress[0] "rule-name" (Deny, file:line:col)</c>.</summary>
    public static string Rule(AdminRuleRef rule) =>
        $"{rule.Policy.Meta.Ref} {AdminRulePath(rule.Rule)}{Named(rule.Rule)} ({rule.Policy.ActionName(rule.Rule.Action)}{(rule.Span.IsKnown ? $", {rule.Span}" : "")})";

    public static string AdminRulePath(AdminRule rule) => $"spec.{PolicyText.Direction(rule.Direction)}[{rule.Index}]";

    public static string Named(AdminRule rule) => rule.Name.Length > 0 ? $" \"{rule.Name}\"" : "";

    public static string Rules(IEnumerable<NetworkPolicyRuleRef> rules) => string.Join(", ", rules.Select(Rule));

    public static string Rules(IEnumerable<AdminRuleRef> rules) => string.Join(", ", rules.Select(Rule));

    /// <summary>"a pod with labels {app=web} in namespace shop to shop/api on TCP port 8080".</summary>
    public static string Connection(WitnessConnection witness) =>
        $"from {witness.Source} to {witness.Destination} on {witness.Protocol} port {witness.Port}";

    private static string At(SourceSpan span) => span.IsKnown ? $" ({span})" : "";
}
