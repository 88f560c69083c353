using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// A Cilium endpoint selector split into what the model can test: the pod's namespace
/// (<see cref="OwnNamespace"/> pins it; <see cref="Namespaces"/> tests the namespace's labels),
/// the pod's labels (<see cref="Pods"/>) and its ServiceAccount (<see cref="ServiceAccounts"/>).
/// Cilium gives every pod the labels <c>io.kubernetes.pod.namespace</c>,
/// <c>io.cilium.k8s.namespace.labels.KEY</c> and <c>io.cilium.k8s.policy.serviceaccount</c>
/// beside its own, each with the source prefix <c>k8s:</c>; a selector is the AND of its
/// requirements, so each requirement goes to the part it tests.
/// </summary>
public sealed record CiliumSelector(
    LabelSelector Written,
    string? OwnNamespace,
    LabelSelector? Namespaces,
    LabelSelector? Pods,
    LabelSelector? ServiceAccounts)
{
    public const string NamespaceKey = "io.kubernetes.pod.namespace";
    public const string NamespaceLabelsPrefix = "io.cilium.k8s.namespace.labels.";
    public const string ServiceAccountKey = "io.cilium.k8s.policy.serviceaccount";

    /// <summary>Sources whose labels are the Kubernetes ones (<c>any</c> matches every source).</summary>
    private static readonly string[] KubernetesSources = ["k8s", "any"];

    /// <summary>
    /// Key requirements with a source other than k8s/any (<c>reserved:host</c>, <c>cidr:...</c>):
    /// they test labels Cilium gives to non-pod identities, which no pod of the model has.
    /// </summary>
    public bool NamesOtherSources => Written.Requirements.Any(r => Source(r.Key) is { } s && !KubernetesSources.Contains(s));

    /// <summary>
    /// Translates a selector written in a Cilium policy. <paramref name="scope"/> is the
    /// policy's namespace (null for a clusterwide policy). A peer selector that does not name
    /// <c>io.kubernetes.pod.namespace</c> stays in that namespace (Cilium: "If the namespace
    /// label of policy rules is omitted it defaults to the same namespace where the policy
    /// itself is applied in"); a subject (<paramref name="subject"/>) always does ("The
    /// endpointSelector always applies to pods in the namespace associated with the
    /// CiliumNetworkPolicy resource itself").
    /// </summary>
    public static CiliumSelector From(LabelSelector written, string? scope, bool subject)
    {
        var namespaces = ImmutableArray.CreateBuilder<LabelRequirement>();
        var pods = ImmutableArray.CreateBuilder<LabelRequirement>();
        var accounts = ImmutableArray.CreateBuilder<LabelRequirement>();
        var namesNamespace = false;
        foreach (var requirement in written.Requirements.IsDefault ? [] : written.Requirements)
        {
            var key = KeyWithoutSource(requirement.Key);
            if (key == NamespaceKey)
            {
                namesNamespace = true;
                namespaces.Add(requirement with { Key = Namespace.NameLabel });
            }
            else if (key.StartsWith(NamespaceLabelsPrefix, StringComparison.Ordinal))
            {
                namespaces.Add(requirement with { Key = key[NamespaceLabelsPrefix.Length..] });
            }
            else if (key == ServiceAccountKey)
            {
                accounts.Add(requirement with { Key = ServiceAccountKey });
            }
            else
            {
                pods.Add(requirement with { Key = key });
            }
        }
        var own = subject || !namesNamespace ? scope : null;
        return new CiliumSelector(
            written,
            own,
            namespaces.Count == 0 ? null : new LabelSelector(namespaces.ToImmutable(), written.Span),
            pods.Count == 0 ? null : new LabelSelector(pods.ToImmutable(), written.Span),
            accounts.Count == 0 ? null : new LabelSelector(accounts.ToImmutable(), written.Span));
    }

    /// <summary><c>k8s:app</c> → <c>app</c>; a key of another source keeps its prefix (no pod label has a colon).</summary>
    public static string KeyWithoutSource(string key) =>
        Source(key) is { } source && KubernetesSources.Contains(source) ? key[(source.Length + 1)..] : key;

    /// <summary>The source prefix of a key (before the first colon, when that colon comes before any slash).</summary>
    public static string? Source(string key)
    {
        var colon = key.IndexOf(':');
        if (colon <= 0) return null;
        var slash = key.IndexOf('/');
        return slash >= 0 && slash < colon ? null : key[..colon];
    }

    /// <summary>Whether the selector matches a pod of namespace <paramref name="ns"/> (with its labels).</summary>
    public bool Matches(string ns, Labels namespaceLabels, Pod pod) =>
        (OwnNamespace is null || OwnNamespace == ns)
        && (Namespaces is null || Namespaces.Matches(namespaceLabels))
        && (Pods is null || Pods.Matches(pod.Labels))
        && (ServiceAccounts is null || ServiceAccounts.Matches(ServiceAccountLabels(pod)));

    /// <summary>The labels a pod's ServiceAccount gives it in Cilium.</summary>
    public static Labels ServiceAccountLabels(Pod pod) => Labels.Of((ServiceAccountKey, pod.ServiceAccount));

    public override string ToString() => Written.ToString();
}
