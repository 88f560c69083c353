using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// What sets a ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) apart from the
/// v1alpha1 kinds it is read into (<see cref="AdminPolicy"/> records, one tier-generic shape):
/// its action is called Accept, not Allow, and its subjects and pod peers never include
/// host-network pods.
/// </summary>
public static class ClusterNetworkPolicyKind
{
    public const string Kind = "ClusterNetworkPolicy";

    /// <summary>The API group; other groups have kinds of the same name (Antrea's, for one).</summary>
    public const string Group = "policy.networking.k8s.io";

    public static bool IsClusterNetworkPolicy(this ObjectRef policy) => policy.Kind == Kind;

    public static bool IsClusterNetworkPolicy(this AdminPolicy policy) => policy.Meta.Ref.IsClusterNetworkPolicy();

    /// <summary>
    /// "Note that host-networked pods are not included in subject selection" and "Note that
    /// host-networked pods are not included in this type of peer" (v1alpha2 API reference).
    /// </summary>
    public static bool ExcludesHostNetworkPods(this AdminPolicy policy) => policy.IsClusterNetworkPolicy();

    /// <summary>The action as the policy's own API spells it.</summary>
    public static string ActionName(this ObjectRef policy, AdminAction action) =>
        action == AdminAction.Allow && policy.IsClusterNetworkPolicy() ? "Accept" : action.ToString();

    public static string ActionName(this AdminPolicy policy, AdminAction action) => policy.Meta.Ref.ActionName(action);

    /// <summary>"Admin" or "Baseline", the spec.tier of a ClusterNetworkPolicy.</summary>
    public static string TierName(PolicyTier tier) => tier == PolicyTier.Admin ? "Admin" : "Baseline";
}
