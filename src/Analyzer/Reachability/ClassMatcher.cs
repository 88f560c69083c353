using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// A test on pod classes, the common shape of every pod-level peer and subject:
/// OwnNamespace (when set) pins the namespace, Namespaces / Pods (when set) must match the
/// namespace's and the pod's labels; Addresses (when set) instead asks whether the pod's known
/// IP is in the block (ipBlock peers under profile Default). SkipsHostNetwork leaves out
/// host-network pods (ClusterNetworkPolicy subjects and pod peers). Test (when set) must
/// also hold: a test of another policy language (Calico selectors) on the class.
/// </summary>
internal sealed record ClassMatcher(
    string? OwnNamespace,
    LabelSelector? Namespaces,
    LabelSelector? Pods,
    IpSet? Addresses,
    bool SkipsHostNetwork = false,
    ClassTest? Test = null)
{
    /// <summary>Cilium's <c>io.cilium.k8s.policy.serviceaccount</c>: tested on the pod's ServiceAccount.</summary>
    public LabelSelector? ServiceAccounts { get; init; }

    public bool Matches(PodClass candidate) => Matches(candidate, null);

    /// <summary>
    /// <see cref="Matches(PodClass)"/> with the candidate's known IPs already parsed (those that are
    /// addresses; null: parsed here): every ipBlock of the input is tested against every pod with
    /// a known IP, and parsing the text each time was most of building the peer sets.
    /// </summary>
    public bool Matches(PodClass candidate, (IpFamily Family, UInt128 Value)[]? addresses)
    {
        if (Test is not null && !Test.Matches(candidate)) return false;
        if (ServiceAccounts is not null && !ServiceAccounts.Matches(CiliumSelector.ServiceAccountLabels(candidate.Representative))) return false;
        if (SkipsHostNetwork && candidate.Representative.HostNetwork) return false;
        if (Addresses is not null)
        {
            if (candidate.IsIngressController) return false;
            if (addresses is not null) return addresses.Any(a => Addresses.Contains(a.Family, a.Value));
            foreach (var ip in candidate.Representative.Ips)
            {
                if (Addresses.Contains(ip)) return true;
            }
            return false;
        }
        if (OwnNamespace is not null && candidate.Namespace != OwnNamespace) return false;
        if (Namespaces is not null && !Namespaces.Matches(candidate.NamespaceLabels)) return false;
        return Pods is null || Pods.Matches(candidate.Labels);
    }
}

/// <summary>
/// A test on pod classes written in another policy language. Key identifies what it tests:
/// tests with the same Key match the same classes (peer lists are shared by Key).
/// </summary>
internal abstract class ClassTest
{
    public abstract bool Matches(PodClass candidate);

    public abstract string Key { get; }
}
