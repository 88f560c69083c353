using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>A policy object of a kind PolicyLint reads but does not analyse (see <see cref="PolicyKindsNotModelled"/>).</summary>
public sealed record NotModelledPolicy(ObjectRef Ref, string ApiVersion, SourceSpan Span);

/// <summary>
/// The network policy kinds of other APIs that PolicyLint does not model yet. Their rules
/// decide what the cluster allows, so an object of one of them is never ignored in silence: the
/// loader reports it as <c>policy-kind-not-modelled</c> (a warning naming file and line) and the
/// reports say in their summary that the answers may allow more than the cluster does.
/// A kind is known by its API group and its name together: a Calico NetworkPolicy
/// (projectcalico.org) is not a Kubernetes NetworkPolicy (networking.k8s.io), and the two may
/// share a namespace and name. This list is the only place that names them: a kind that gets
/// a reader is taken out of it.
/// </summary>
public static class PolicyKindsNotModelled
{
    /// <summary>(API group, kind) → whether the kind is cluster-scoped.</summary>
    public static ImmutableDictionary<(string Group, string Kind), bool> Kinds { get; } = new Dictionary<(string, string), bool>
    {
        [("projectcalico.org", "StagedNetworkPolicy")] = false,
        [("projectcalico.org", "StagedGlobalNetworkPolicy")] = true,
        [("projectcalico.org", "StagedKubernetesNetworkPolicy")] = false,
        [("projectcalico.org", "HostEndpoint")] = true,
        [("crd.projectcalico.org", "HostEndpoint")] = true,
        [("projectcalico.org", "NetworkSet")] = false,
        [("projectcalico.org", "GlobalNetworkSet")] = true,
        [("crd.projectcalico.org", "NetworkSet")] = false,
        [("crd.projectcalico.org", "GlobalNetworkSet")] = true,
        [("crd.projectcalico.org", "StagedNetworkPolicy")] = false,
        [("crd.projectcalico.org", "StagedGlobalNetworkPolicy")] = true,
        [("k8s.cni.cncf.io", "MultiNetworkPolicy")] = false,
        [("security.istio.io", "AuthorizationPolicy")] = false,
        [("networking.gke.io", "FQDNNetworkPolicy")] = false,
        [("network.openshift.io", "EgressNetworkPolicy")] = false,
        [("k8s.ovn.org", "EgressFirewall")] = false,
        [("antrea.io", "NetworkPolicy")] = false,
        [("crd.antrea.io", "NetworkPolicy")] = false,
        [("crd.antrea.io", "ClusterNetworkPolicy")] = true,
    }.ToImmutableDictionary();

    /// <summary>Whether the object is of a policy kind not modelled; <paramref name="clusterScoped"/> says how to read its metadata.</summary>
    public static bool Contains(string apiVersion, string kind, out bool clusterScoped) =>
        Kinds.TryGetValue((Group(apiVersion), kind), out clusterScoped);

    /// <summary>The group of an apiVersion: <c>projectcalico.org/v3</c> → <c>projectcalico.org</c>; the core group is empty.</summary>
    public static string Group(string apiVersion) =>
        apiVersion.IndexOf('/') is var slash and >= 0 ? apiVersion[..slash] : "";

    public static string Message(NotModelledPolicy policy) =>
        $"{policy.Ref}: {policy.Ref.Kind} of {policy.ApiVersion} is not modelled: its rules are not analysed, " +
        "so the answers may allow more than the cluster does";
}
