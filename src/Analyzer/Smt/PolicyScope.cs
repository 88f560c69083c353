using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// The part of a cluster one solver question needs. A scope is a <see cref="Cluster"/> with
/// fewer policies (namespaces and workloads stay, so input pods and declared namespace labels
/// are what they are); <see cref="PolicySolver.Create"/> builds its vocabulary from the scope's
/// policies alone, so the label universe shrinks to the keys and values those policies mention,
/// plus the "any other value" index every <see cref="LabelDomain"/> has.
/// <para>
/// Why a scope gives the answer the whole cluster gives (the differential test
/// <c>ScopedQuestionsTests</c> checks it on random clusters):
/// </para>
/// <list type="number">
/// <item>Vocabulary. A formula built from some policies only compares label values those
/// policies mention. Mapping every other value to the domain's "other" index (and back to a
/// fresh value) maps models of the whole-cluster formula to models of the scoped one and back,
/// input pods included (their classes are computed against the scoped vocabulary).</item>
/// <item>Rule redundancy (<see cref="PolicySolver.CheckRuleRedundancy"/>) and the minimal cover
/// only mention the rules of the rule's own namespace: a NetworkPolicy's podSelector picks pods
/// of its namespace only, so no other namespace's rule applies to the same pod in the same
/// direction. A peer selector constrains the other end; it brings no policy in.</item>
/// <item>Policy redundancy (<see cref="PolicySolver.CheckPolicyRedundancy"/>, every possible
/// pod) compares "allowed with P" and "allowed without P", and a connection is allowed when
/// both ends allow it, so the other end's policies count. Removing P (namespace N) changes only
/// the side of an endpoint in N. Take a witness whose other end is a pod of a namespace M that
/// is not in the scope. No policy in the scope names M (names mentioned by
/// kubernetes.io/metadata.name bring their namespace into the scope), so a pod with the same
/// labels, namespace labels, IPs and ports in a namespace no manifest declares is treated the
/// same by every formula of N's side and by every AdminNetworkPolicy rule; it has no
/// NetworkPolicy, so, without a BaselineAdminNetworkPolicy, its own side allows at least what
/// M's side allowed. The substitute is a witness in both encodings, so dropping M's policies
/// changes no answer. With a BaselineAdminNetworkPolicy that argument fails (the baseline may
/// deny what M's policies allowed), and the whole cluster is the scope.</item>
/// <item>Selector satisfiability depends on the selector, the declared namespaces and the input
/// pods only; AdminNetworkPolicy shadowing on the cluster-scoped policies only.</item>
/// </list>
/// A new cluster-scoped kind joins <see cref="ClusterScoped"/>: it is in every scope (its
/// subject can select pods of any namespace).
/// </summary>
public static class PolicyScope
{
    /// <summary>The NetworkPolicies of each namespace, namespaces in order of first appearance.</summary>
    public static ImmutableArray<(string Namespace, ImmutableArray<NetworkPolicy> Policies)> ByNamespace(Cluster cluster)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, List<NetworkPolicy>>(StringComparer.Ordinal);
        foreach (var policy in cluster.NetworkPolicies.IsDefault ? [] : cluster.NetworkPolicies)
        {
            if (!groups.TryGetValue(policy.Namespace, out var list))
            {
                list = [];
                groups[policy.Namespace] = list;
                order.Add(policy.Namespace);
            }
            list.Add(policy);
        }
        return [.. order.Select(ns => (ns, groups[ns].ToImmutableArray()))];
    }

    /// <summary>
    /// The scope of the questions about namespace <paramref name="namespaceName"/>'s policies:
    /// its policies, those of the namespaces they (or a cluster-scoped policy) name by
    /// kubernetes.io/metadata.name, and every cluster-scoped policy. With a
    /// BaselineAdminNetworkPolicy, policy redundancy needs the whole cluster (see the class
    /// comment): <see cref="NeedsWholeClusterForPolicyRedundancy"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="byNamespace"/> holds the cluster's NetworkPolicies by namespace (each in
    /// input order). The scope's policies are looked up by namespace, not filtered from the whole
    /// cluster (once per namespace, that was quadratic), and keep the cluster's order.
    /// </remarks>
    public static Cluster ForNamespace(Cluster cluster, string namespaceName, ILookup<string, NetworkPolicy> byNamespace)
    {
        var named = new HashSet<string>(StringComparer.Ordinal) { namespaceName };
        foreach (var policy in byNamespace[namespaceName]) named.UnionWith(NamedNamespaces(policy));
        foreach (var policy in ClusterScoped(cluster)) named.UnionWith(NamedNamespaces(policy));
        if (named.Count == 1) return cluster with { NetworkPolicies = [.. byNamespace[namespaceName]] };
        var position = PositionsIn(cluster);
        var policies = named.SelectMany(n => byNamespace[n]).OrderBy(p => position[p]).ToImmutableArray();
        return cluster with { NetworkPolicies = policies };
    }

    /// <summary>Each NetworkPolicy's position in the cluster: computed once per cluster (its policy array), for every namespace's scope.</summary>
    private static Dictionary<NetworkPolicy, int> PositionsIn(Cluster cluster)
    {
        var policies = cluster.NetworkPolicies.IsDefault ? [] : cluster.NetworkPolicies;
        return Positions.GetValue(ImmutableCollectionsMarshal.AsArray(policies)!, array =>
        {
            var positions = new Dictionary<NetworkPolicy, int>(array.Length, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < array.Length; i++) positions.TryAdd(array[i], i);
            return positions;
        });
    }

    private static readonly ConditionalWeakTable<NetworkPolicy[], Dictionary<NetworkPolicy, int>> Positions = new();

    /// <summary>The cluster-scoped policies alone, for shadowing among them.</summary>
    public static Cluster ForClusterScopedPolicies(Cluster cluster) => cluster with { NetworkPolicies = [] };

    /// <summary>One policy's selectors, nothing else: for selector satisfiability.</summary>
    public static Cluster ForSelectorsOf(Cluster cluster, NetworkPolicy policy) =>
        cluster with { NetworkPolicies = [policy], AdminPolicies = [] };

    public static bool NeedsWholeClusterForPolicyRedundancy(Cluster cluster) =>
        ClusterScoped(cluster).Any(p => p.Tier == PolicyTier.Baseline);

    /// <summary>Every cluster-scoped policy kind the solver models (AdminNetworkPolicy and BaselineAdminNetworkPolicy today).</summary>
    public static IEnumerable<AdminPolicy> ClusterScoped(Cluster cluster) => cluster.AdminPolicies;

    internal static IEnumerable<string> NamedNamespaces(NetworkPolicy policy)
    {
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            foreach (var peer in rule.Peers)
            {
                if (peer.NamespaceSelector is { } selector)
                {
                    foreach (var name in Names(selector)) yield return name;
                }
            }
        }
    }

    internal static IEnumerable<string> NamedNamespaces(AdminPolicy policy) =>
        new[] { policy.Subject }.Concat(policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers)).SelectMany(NamespaceSelectorOf).SelectMany(Names);

    private static IEnumerable<LabelSelector> NamespaceSelectorOf(AdminSelector selector) => selector switch
    {
        NamespacesSelector ns => [ns.Namespaces],
        PodsSelector pods => [pods.Namespaces],
        _ => [],
    };

    private static IEnumerable<string> Names(LabelSelector selector) =>
        selector.Requirements.Where(r => r.Key == Namespace.NameLabel).SelectMany(r => r.Values);
}
