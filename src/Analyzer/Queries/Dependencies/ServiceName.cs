namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>How a dependency names its Service.</summary>
public enum NameForm
{
    /// <summary><c>svc</c>: resolved in the pod's own namespace through the DNS search list.</summary>
    Short,

    /// <summary><c>svc.ns</c>.</summary>
    ServiceDotNamespace,

    /// <summary><c>svc.ns.svc</c> or <c>svc.ns.svc.{cluster domain}</c>.</summary>
    Qualified,

    /// <summary><c>pod.svc.ns.svc[.{cluster domain}]</c>: one pod behind a headless Service.</summary>
    Pod,

    /// <summary><c>$(SVC_SERVICE_HOST)</c> and the other kubelet variables: the cluster IP, no DNS.</summary>
    ServiceLink,
}

/// <summary>
/// An address read as the name of a Service of the cluster: its namespace and name, the pod
/// (for pod DNS names) and whether resolving it needs the cluster DNS.
/// <para>
/// Kubernetes, "DNS for Services and Pods": "a Service named my-service in the Kubernetes
/// namespace my-ns" gets "a DNS record for my-service.my-ns", and "Pods in the my-ns namespace
/// should be able to find the service by doing a name lookup for my-service". Full names end
/// in <c>svc.{cluster domain}</c>, <c>cluster.local</c> by default. A two-label name counts
/// only when its second label is a namespace of the input (<c>example.com</c> is not), a
/// single label only with a scheme or port, or when a Service of that name exists in the pod's
/// own namespace (<c>info</c>, <c>true</c> are words, not names). <c>localhost</c> never counts.
/// </para>
/// </summary>
public sealed record ServiceName(string Namespace, string Service, string? Pod, NameForm Form)
{
    public const string DefaultClusterDomain = "cluster.local";

    public bool NeedsDns => Form != NameForm.ServiceLink;

    /// <summary>
    /// Whether an unknown Service of this name is worth a warning: a name written with the
    /// <c>svc</c> suffix, or with a scheme or port, is meant to be in the cluster.
    /// </summary>
    public bool ClearlyInCluster { get; init; }

    public static ServiceName? Interpret(
        ServiceReference reference, string podNamespace, string clusterDomain,
        Func<string, bool> namespaceExists, Func<string, string, bool> serviceExists)
    {
        if (ServiceLinks.ReadHostToken(reference.Host) is { } link) return new ServiceName(link.Namespace, link.Name, null, NameForm.ServiceLink) { ClearlyInCluster = true };
        var host = reference.Host;
        if (host == "localhost") return null;
        var suffix = "." + clusterDomain;
        var qualified = host.EndsWith(suffix, StringComparison.Ordinal);
        if (qualified) host = host[..^suffix.Length];
        var labels = host.Split('.');
        if (labels[^1] == "svc")
        {
            return labels.Length switch
            {
                3 when IsServiceName(labels[0]) => new ServiceName(labels[1], labels[0], null, NameForm.Qualified) { ClearlyInCluster = true },
                4 when IsServiceName(labels[1]) => new ServiceName(labels[2], labels[1], labels[0], NameForm.Pod) { ClearlyInCluster = true },
                _ => null,
            };
        }
        if (qualified) return null;
        return labels.Length switch
        {
            1 when IsServiceName(labels[0]) && (reference.HasAddressSyntax || serviceExists(podNamespace, labels[0])) =>
                new ServiceName(podNamespace, labels[0], null, NameForm.Short) { ClearlyInCluster = reference.HasAddressSyntax },
            2 when IsServiceName(labels[0]) && namespaceExists(labels[1]) =>
                new ServiceName(labels[1], labels[0], null, NameForm.ServiceDotNamespace) { ClearlyInCluster = true },
            _ => null,
        };
    }

    /// <summary>Service names are RFC 1035 labels: they start with a letter.</summary>
    private static bool IsServiceName(string label) => label.Length > 0 && char.IsAsciiLetterLower(label[0]);

    public override string ToString() => $"{Namespace}/{Service}";
}
