using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>The lazy engine: built for the pairs of a few peers, not for the whole cluster (docs/architecture.md).</summary>
public sealed partial class ReachabilityEngine
{
    /// <summary>
    /// Builds an engine that answers <see cref="Explain"/> and <see cref="Connections"/> exactly
    /// as the full engine does for pairs of <paramref name="peers"/>, from the pods of their
    /// namespaces only (and of the ingress controller's, when it is one of them); it computes no
    /// matrix. Cost: one pass over the workloads, the policies' selector keys and the Services,
    /// plus the classes and NetworkPolicies of the scope; the ipBlocks of the other namespaces'
    /// policies are read only when a pod of the scope has an address (they cut pod addresses
    /// into classes) or under the netpol-analyzer profile (its notes speak of every block).
    /// </summary>
    public static ReachabilityEngine BuildFor(Cluster cluster, AnalysisProfile profile, IEnumerable<Peer> peers) =>
        BuildFor(cluster, profile, ScopeOf(cluster, profile, peers));

    /// <summary>An engine for the pairs whose pods live in the namespaces of <paramref name="scope"/> (see <see cref="ScopeOf"/>).</summary>
    public static ReachabilityEngine BuildFor(Cluster cluster, AnalysisProfile profile, EngineScope scope) =>
        new(cluster, profile, scope);

    /// <summary>The namespaces a scoped engine was built for; null for the full engine.</summary>
    public EngineScope? Scope { get; }

    /// <summary>The namespaces whose pods the pairs of <paramref name="peers"/> involve.</summary>
    public static EngineScope ScopeOf(Cluster cluster, AnalysisProfile profile, IEnumerable<Peer> peers)
    {
        var namespaces = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var peer in peers)
        {
            switch (peer)
            {
                case WorkloadPeer workload:
                    namespaces.Add(workload.Workload.Namespace);
                    break;
                case IngressControllerPeer when profile == AnalysisProfile.Default:
                    namespaces.UnionWith(IngressControllers.Find(cluster).Select(w => w.Namespace));
                    break;
            }
        }
        return new EngineScope(namespaces.ToImmutable());
    }

    /// <summary>
    /// The outside addresses of every rule as the full engine sees them, where the scoped engine
    /// needs them: pod classes are cut at every rule's blocks of the input (so a scoped class is
    /// a full one), and the netpol-analyzer notes say whether any block exists or was IPv6.
    /// </summary>
    private static List<IpSet> ScopedRuleAddresses(
        Cluster cluster, AnalysisProfile profile, PolicyCompiler compiler, EngineScope scope, List<CompiledRule> scopedRules)
    {
        var addresses = scopedRules.Select(r => r.PodAddressBlocks).ToList();
        var podsWithAddresses = cluster.Workloads.Any(w => scope.Includes(w.Namespace) && w.Pods.Any(p => !p.Ips.IsDefaultOrEmpty));
        if (profile == AnalysisProfile.NetpolAnalyzer || podsWithAddresses)
        {
            addresses.AddRange(compiler.RuleAddresses(cluster.NetworkPolicies.Where(p => !scope.Includes(p.Namespace))));
        }
        return addresses;
    }
}
