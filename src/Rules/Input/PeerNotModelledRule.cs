using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

/// <summary>
/// peer-not-modelled: a ClusterNetworkPolicy peer the analysis cannot represent (nodes,
/// domainNames, or a peer with only fields PolicyLint does not know). The loader reports it
/// with what it assumed, so an answer is never silently wider or narrower than the cluster's.
/// </summary>
public sealed class PeerNotModelledRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.PeerNotModelled,
        "Cluster policy peer is not modelled",
        Severity.Warning,
        "A ClusterNetworkPolicy peer selects nodes or domain names (experimental in the API; nodes and DNS answers are not in the manifests), " +
        "or sets no peer field PolicyLint knows (written for a newer API version). The message says what the analysis assumed: nodes and " +
        "domainNames peers match no destination; a peer without known fields fails closed as the API asks (an Accept rule matches nothing " +
        "from it, a Deny or Pass rule becomes 'Deny all'). Answers about that traffic may differ from the cluster's.",
        "Nothing to fix in the manifest if the peer is intended; read the answers about node or domain traffic with the assumption in mind, " +
        "or suppress the finding with a policylint.io/ignore annotation.");

    public override RuleDescriptor Descriptor => Rule;
}
