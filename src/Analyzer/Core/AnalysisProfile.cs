namespace PolicyLint.Analyzer.Core;

/// <summary>
/// Where Kubernetes leaves behaviour to the network plugin, which reading the engine takes.
/// </summary>
public enum AnalysisProfile
{
    /// <summary>
    /// The upstream conformance reading: an ipBlock also matches a pod whose IP is known
    /// (status.podIP / podIPs); IPv6 blocks are analysed like IPv4 ones.
    /// </summary>
    Default,

    /// <summary>
    /// The choices of np-guard/netpol-analyzer (the conformance goldens): ipBlocks never match
    /// pods, only addresses outside the cluster; IPv6 blocks are ignored.
    /// </summary>
    NetpolAnalyzer,
}
