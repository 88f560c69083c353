using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class InvalidCidrRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.InvalidCidr,
        "ipBlock CIDR is invalid",
        Severity.Error,
        "An ipBlock cidr cannot be parsed as an IPv4 or IPv6 CIDR, or an except entry is not inside its cidr. The API server would reject the policy.",
        "Write the CIDR as address/prefix-length (10.0.0.0/8, fd00::/8) and keep every except range inside the cidr.");

    public override RuleDescriptor Descriptor => Rule;
}
