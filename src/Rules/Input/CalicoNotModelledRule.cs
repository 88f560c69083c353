using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

/// <summary>
/// calico-not-modelled: a field of a Calico policy the analysis does not represent (host-endpoint
/// options, HTTP matches, services matches, ICMP and other protocols, source ports, ipVersion).
/// The loader reports each one with what it assumed (docs/calico.md).
/// </summary>
public sealed class CalicoNotModelledRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.CalicoNotModelled,
        "Calico policy field is not modelled",
        Severity.Warning,
        "A Calico NetworkPolicy or GlobalNetworkPolicy uses a field PolicyLint does not analyse: doNotTrack, preDNAT or applyOnForward " +
        "(host endpoints), an HTTP match, a services match, ipVersion, source ports, or a protocol other than TCP, UDP and SCTP. " +
        "The message says what the analysis assumed; answers about that traffic may differ from the cluster's.",
        "Nothing to fix if the field is intended; read the answers with the assumption in mind, or suppress the finding with a " +
        "policylint.io/ignore annotation.");

    public override RuleDescriptor Descriptor => Rule;
}
