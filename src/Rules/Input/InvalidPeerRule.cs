using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class InvalidPeerRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.InvalidPeer,
        "Policy peer is empty or mixes ipBlock with a selector",
        Severity.Error,
        "A from/to entry sets no field at all, or combines ipBlock with podSelector or namespaceSelector. The API server rejects both; an empty peer is often a YAML indentation mistake.",
        "Give the peer exactly one shape: podSelector and/or namespaceSelector, or ipBlock alone. To allow everything, leave 'from'/'to' out of the rule instead.");

    public override RuleDescriptor Descriptor => Rule;
}
