using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

/// <summary>
/// policy-kind-not-modelled: a policy object whose kind PolicyLint does not analyse (Calico
/// HostEndpoint or staged policies, MultiNetworkPolicy, Istio, ...); the loader reports one per object (see PolicyKindsNotModelled).
/// </summary>
public sealed class PolicyKindNotModelledRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = new(
        RuleIds.PolicyKindNotModelled,
        "A policy of a kind PolicyLint does not model",
        Severity.Warning,
        "Coverage",
        "The input holds a network policy of a kind PolicyLint does not model (Calico HostEndpoint and staged policies, MultiNetworkPolicy, Istio AuthorizationPolicy and the like). " +
        "PolicyLint reads it but does not analyse its rules, so every answer is computed as if it were not there: " +
        "the answers may allow more than the cluster does.",
        "Check the connections this policy governs by other means, or suppress the finding for objects you know to be irrelevant.",
        [RuleTags.Coverage, RuleTags.Correctness],
        0.0);

    public override RuleDescriptor Descriptor => Rule;
}
