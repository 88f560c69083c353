using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class InvalidPortRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.InvalidPort,
        "Policy port is invalid",
        Severity.Error,
        "A port is outside 1-65535, endPort is smaller than port, endPort is used with a named port or without a port, or the protocol is not TCP, UDP or SCTP. The API server would reject the policy.",
        "Use a numeric port in 1-65535 (or a valid port name), set endPort only with a numeric port and at least that port, and spell the protocol TCP, UDP or SCTP.");

    public override RuleDescriptor Descriptor => Rule;
}
