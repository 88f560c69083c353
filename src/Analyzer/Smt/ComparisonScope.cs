using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// The part of two clusters (base and head of a change) that the equivalence question of
/// <c>diff</c> needs: the namespaces the change touches, the namespaces whose policies must be
/// encoded to answer for them, and the namespaces left out.
/// <para>
/// A connection is allowed when its source's side (egress) and its destination's side (ingress)
/// both allow it. A side is decided by the cluster-scoped policies whose subject selects that end
/// (AdminNetworkPolicy, then the NetworkPolicies of the end's own namespace — a podSelector
/// picks pods of its namespace only —, then the baseline), read against both ends' pod labels,
/// IPs and ports (the same in both clusters: they belong to the symbolic pod) and both ends'
/// namespace names and labels (declared labels are per cluster; an undeclared namespace's labels
/// are free but the same in both).
/// </para>
/// <para>
/// <b>Changed</b> (<see cref="Changed"/>): the namespaces where an end's side can differ between
/// the clusters: (1) namespaces whose NetworkPolicies differ (<see cref="PolicyFingerprint"/>);
/// (2) namespaces whose labels differ, or that one cluster has and the other not (their
/// pods are read differently by every selector); (3) because a label change is seen by the
/// <i>other</i> end's policies: every namespace holding a NetworkPolicy with a namespaceSelector
/// that matches a namespace of (2) in either cluster (an absent namespace has free labels: every
/// selector may match it), and every namespace the subject of a cluster-scoped policy may select
/// when one of its peers' namespace selectors may match a namespace of (2); (4) for each
/// cluster-scoped policy that differs, was added or was removed, every namespace its subject (old
/// or new) may select. An end in any other namespace, or in a namespace no cluster declares, has
/// the same side in both clusters.
/// </para>
/// <para>
/// <b>Kept</b> (<see cref="Kept"/>): the changed namespaces and the namespaces named (by
/// kubernetes.io/metadata.name) by their policies or by any cluster-scoped policy, in either
/// cluster. Their NetworkPolicies are encoded; the others' (<see cref="LeftOut"/>) are not, and
/// the question asks only about pods outside the left-out namespaces.
/// </para>
/// <para>
/// Why the scoped question has a difference exactly when the whole-cluster question has one
/// (the differential test <c>ComparisonScopeTests</c> checks it on random changes):
/// </para>
/// <list type="number">
/// <item>Every connection the scoped question may pick has its pod ends in kept namespaces or in
/// namespaces without NetworkPolicies; on such connections both encodings are the same formula
/// (the left-out policies select only pods of their own namespaces), so the scoped witness is a
/// whole-cluster witness.</item>
/// <item>Conversely, take a whole-cluster witness. One end's side differs, so that end is in a
/// changed namespace (or both sides differ: pick either changed end below). If the other end e is
/// in a left-out namespace M, its side is the same in both clusters (M is not changed), and it
/// allows (else neither cluster allows the connection). Move e to a namespace no cluster
/// declares, with M's labels, e's pod labels, IPs and ports. Neither the changed end's namespace's
/// policies nor any cluster-scoped policy names M (M would be kept), so the changed end's side reads e' as it read e; cluster-scoped policies
/// select e' as they selected e; e' has no NetworkPolicy, so without a baseline its side allows
/// at least what e's allowed, the same in both clusters. The moved connection still differs,
/// and it is one the scoped question may pick.</item>
/// <item>With a BaselineAdminNetworkPolicy (or a Baseline-tier ClusterNetworkPolicy) in either
/// cluster, item 2 fails (the baseline may deny e' what M's policies allowed), so the whole
/// cluster is asked (<see cref="WholeCluster"/>).</item>
/// </list>
/// <para>
/// Which witness the solver returns may differ between the two questions (the scoped one never
/// names a pod of a left-out namespace); both are real differences.
/// </para>
/// </summary>
public sealed record ComparisonScope(
    bool WholeCluster,
    bool ClusterScopedPoliciesChanged,
    ImmutableSortedSet<string> Changed,
    ImmutableSortedSet<string> Kept,
    ImmutableSortedSet<string> LeftOut)
{
    /// <summary>No side of any end differs: the clusters' policies allow the same connections, no solver needed.</summary>
    public bool NothingChanged => !WholeCluster && !ClusterScopedPoliciesChanged && Changed.IsEmpty;

    public static ComparisonScope Of(Cluster before, Cluster after)
    {
        var policyNamespaces = PolicyNamespaces(before).Union(PolicyNamespaces(after));
        if (PolicyScope.NeedsWholeClusterForPolicyRedundancy(before) || PolicyScope.NeedsWholeClusterForPolicyRedundancy(after))
        {
            return new ComparisonScope(true, false, [], policyNamespaces, []);
        }
        var sides = new Sides(before, after);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        changed.UnionWith(policyNamespaces.Where(ns => !sides.SamePolicies(ns)));
        var relabelled = sides.AllNamespaces.Where(ns => !sides.SameLabels(ns)).ToList();
        changed.UnionWith(relabelled);
        if (relabelled.Count > 0)
        {
            changed.UnionWith(policyNamespaces.Where(ns => sides.PoliciesOf(ns).Any(p => relabelled.Any(l => sides.PeersMayMatch(p, l)))));
            foreach (var policy in sides.ClusterScoped.Where(p => relabelled.Any(l => sides.PeersMayMatch(p, l))))
            {
                changed.UnionWith(sides.SubjectNamespaces(policy));
            }
        }
        var changedClusterScoped = sides.ChangedClusterScoped().ToList();
        foreach (var policy in changedClusterScoped) changed.UnionWith(sides.SubjectNamespaces(policy));

        var kept = new HashSet<string>(changed, StringComparer.Ordinal);
        foreach (var ns in changed)
        {
            foreach (var policy in sides.PoliciesOf(ns)) kept.UnionWith(PolicyScope.NamedNamespaces(policy));
        }
        foreach (var policy in sides.ClusterScoped) kept.UnionWith(PolicyScope.NamedNamespaces(policy));
        return new ComparisonScope(
            false,
            changedClusterScoped.Count > 0,
            [.. changed.Order(StringComparer.Ordinal)],
            [.. kept.Order(StringComparer.Ordinal)],
            [.. policyNamespaces.Where(ns => !kept.Contains(ns))]);
    }

    /// <summary>The cluster with the NetworkPolicies of the kept namespaces only.</summary>
    public Cluster Restrict(Cluster cluster) =>
        WholeCluster ? cluster : cluster with { NetworkPolicies = [.. cluster.NetworkPolicies.Where(p => Kept.Contains(p.Namespace))] };

    /// <summary>
    /// The options for the scoped encoding: the left-out namespaces' names stay in the
    /// vocabulary, so that the question can leave their pods out and a made-up namespace in a
    /// witness is never one of them.
    /// </summary>
    public SmtOptions Restrict(SmtOptions options) => LeftOut.IsEmpty ? options : options with
    {
        ExtraNamespaceSelectors =
        [
            .. options.ExtraNamespaceSelectors.IsDefault ? [] : options.ExtraNamespaceSelectors,
            new LabelSelector([new LabelRequirement(Namespace.NameLabel, SelectorOperator.In, [.. LeftOut], SourceSpan.None)], SourceSpan.None),
        ],
    };

    /// <summary>
    /// Do both clusters' policies allow the same connections for every possible pod? Asks the
    /// solver about the changed scope only (see the class comment); the witness's namespace
    /// labels are <paramref name="first"/>'s, its input pods <paramref name="first"/>'s.
    /// </summary>
    public static PolicySetEquivalence CheckEquivalence(Cluster first, Cluster second, SmtOptions options)
    {
        var scope = Of(first, second);
        if (scope.NothingChanged) return new PolicySetEquivalence(true, null, false, false);
        using var encoding = PolicySolver.CreateComparison(scope.Restrict(first), scope.Restrict(second), scope.Restrict(options));
        return encoding.CheckEquivalence(PodScope.AnyPod, scope.LeftOut);
    }

    private static ImmutableSortedSet<string> PolicyNamespaces(Cluster cluster) =>
        [.. (cluster.NetworkPolicies.IsDefault ? [] : cluster.NetworkPolicies).Select(p => p.Namespace).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The two clusters side by side, looked up by namespace and by cluster-scoped policy.</summary>
    private sealed class Sides
    {
        private readonly Cluster[] _clusters;
        private readonly ILookup<string, NetworkPolicy>[] _policies;
        private readonly ILookup<string, Namespace>[] _namespaces;

        public Sides(Cluster before, Cluster after)
        {
            _clusters = [before, after];
            _policies = [.. _clusters.Select(c => (c.NetworkPolicies.IsDefault ? [] : c.NetworkPolicies).ToLookup(p => p.Namespace, StringComparer.Ordinal))];
            _namespaces = [.. _clusters.Select(c => c.Namespaces.ToLookup(n => n.Name, StringComparer.Ordinal))];
            AllNamespaces = [.. _clusters.SelectMany(c => c.Namespaces.Select(n => n.Name).Concat(PolicyNamespaces(c))).Distinct().Order(StringComparer.Ordinal)];
            ClusterScoped = [.. _clusters.SelectMany(PolicyScope.ClusterScoped)];
        }

        public ImmutableArray<string> AllNamespaces { get; }

        /// <summary>The cluster-scoped policies of both clusters.</summary>
        public ImmutableArray<AdminPolicy> ClusterScoped { get; }

        public IEnumerable<NetworkPolicy> PoliciesOf(string ns) => _policies.SelectMany(p => p[ns]);

        public bool SamePolicies(string ns) =>
            Fingerprints(_policies[0][ns]).SequenceEqual(Fingerprints(_policies[1][ns]), StringComparer.Ordinal);

        public bool SameLabels(string ns) => _namespaces[0][ns].Select(n => n.Labels).SequenceEqual(_namespaces[1][ns].Select(n => n.Labels));

        /// <summary>Cluster-scoped policies (both versions) that one cluster has and the other has not, or has otherwise.</summary>
        public IEnumerable<AdminPolicy> ChangedClusterScoped()
        {
            var fingerprints = _clusters.Select(c => PolicyScope.ClusterScoped(c).Select(PolicyFingerprint.Of).ToHashSet(StringComparer.Ordinal)).ToArray();
            for (var side = 0; side < 2; side++)
            {
                foreach (var policy in PolicyScope.ClusterScoped(_clusters[side]))
                {
                    if (!fingerprints[1 - side].Contains(PolicyFingerprint.Of(policy))) yield return policy;
                }
            }
        }

        /// <summary>Could a peer of the policy select pods of <paramref name="ns"/> by its labels, in either cluster?</summary>
        public bool PeersMayMatch(NetworkPolicy policy, string ns) =>
            policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers.IsDefault ? [] : r.Peers)
                .Any(peer => peer.NamespaceSelector is { } selector && MayMatch(selector, ns));

        public bool PeersMayMatch(AdminPolicy policy, string ns) =>
            policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers.IsDefault ? [] : r.Peers)
                .Any(peer => NamespaceSelectorOf(peer) is { } selector && MayMatch(selector, ns));

        /// <summary>Every namespace the policy's subject may select in either cluster (all of them for a subject kind not known here).</summary>
        public IEnumerable<string> SubjectNamespaces(AdminPolicy policy) =>
            NamespaceSelectorOf(policy.Subject) is { } selector ? AllNamespaces.Where(ns => MayMatch(selector, ns)) : AllNamespaces;

        private static LabelSelector? NamespaceSelectorOf(AdminSelector selector) => selector switch
        {
            NamespacesSelector ns => ns.Namespaces,
            PodsSelector pods => pods.Namespaces,
            _ => null,
        };

        /// <summary>A namespace a cluster lacks has free labels: any selector may match it there.</summary>
        private bool MayMatch(LabelSelector selector, string ns) =>
            _namespaces.Any(lookup => !lookup.Contains(ns) || lookup[ns].Any(n => selector.Matches(WithName(n))));

        private static Dictionary<string, string> WithName(Namespace ns) =>
            new(ns.Labels, StringComparer.Ordinal) { [Namespace.NameLabel] = ns.Name };

        private static IEnumerable<string> Fingerprints(IEnumerable<NetworkPolicy> policies) =>
            policies.Select(PolicyFingerprint.Of).Order(StringComparer.Ordinal);
    }
}
