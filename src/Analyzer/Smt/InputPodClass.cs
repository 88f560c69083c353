using System.Collections.Immutable;
using System.Text;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// Input pods that the policies cannot tell apart share one class; the symbolic pod restricted
/// to the input ranges over classes, not over the possibly very many pods. Always told apart:
/// pod labels and named ports as far as the vocabulary goes. By default also the namespace and
/// the IPs, so that a witness names the very pod asked about. With
/// <see cref="SmtOptions.MergeIndistinguishablePods"/> (the lint rules' scoped questions, where
/// witnesses name the rule's own namespace) only what a formula can see: the namespace when a
/// policy names it, otherwise its labels in every world as far as the vocabulary goes (a formula
/// compares the namespace only with names policies mention, and reads any other through its
/// labels), and for each address family which of the policies' CIDRs hold the pod's known
/// address. A class's attributes are those of its first pod; its workloads are those of that
/// pod's namespace.
/// </summary>
internal sealed record InputPodClass(int Index, string Namespace, Pod Pod, ImmutableArray<Workload> Workloads)
{
    /// <summary>The classes, and the class of each input pod (by reference).</summary>
    public static (ImmutableArray<InputPodClass> Classes, IReadOnlyDictionary<Pod, InputPodClass> ByPod) Classify(
        ImmutableArray<Cluster> worlds, Vocabulary vocabulary, bool merge)
    {
        var cluster = worlds[0];
        var namespaceKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var podKeys = new List<(Pod Pod, string Key)>();
        var byKey = new Dictionary<string, (int Index, string Namespace, Pod Pod, List<Workload> Workloads)>(StringComparer.Ordinal);
        // Replicas of one workload share their template's objects: one key for all of them.
        var keys = new Dictionary<(string NamespaceKey, object Labels, object? Containers, bool HostNetwork, object? Ips), string>(SameObjects.Instance);
        foreach (var workload in cluster.Workloads)
        {
            foreach (var pod in workload.Pods)
            {
                if (!namespaceKeys.TryGetValue(workload.Namespace, out var namespaceKey))
                {
                    // Merged, the vocabulary already put interchangeable namespaces in one class (Vocabulary.Representative).
                    namespaceKey = "=" + (merge ? vocabulary.Representative(workload.Namespace) : workload.Namespace);
                    namespaceKeys[workload.Namespace] = namespaceKey;
                }
                var shape = (namespaceKey, (object)pod.Labels, (object?)ArrayOf(pod.Containers), pod.HostNetwork, (object?)ArrayOf(pod.Ips));
                if (!keys.TryGetValue(shape, out var key))
                {
                    key = KeyOf(namespaceKey, pod, vocabulary, merge);
                    keys[shape] = key;
                }
                podKeys.Add((pod, key));
                if (!byKey.TryGetValue(key, out var entry))
                {
                    entry = (byKey.Count, workload.Namespace, pod, []);
                    byKey[key] = entry;
                }
                if (workload.Namespace == entry.Namespace && !entry.Workloads.Contains(workload)) entry.Workloads.Add(workload);
            }
        }
        var classes = byKey.Values.OrderBy(e => e.Index)
            .Select(e => new InputPodClass(e.Index, e.Namespace, e.Pod, [.. e.Workloads]))
            .ToImmutableArray();
        var byPod = new Dictionary<Pod, InputPodClass>(ReferenceEqualityComparer.Instance);
        foreach (var (pod, key) in podKeys) byPod[pod] = classes[byKey[key].Index];
        return (classes, byPod);
    }

    private static object? ArrayOf<T>(ImmutableArray<T> array) => System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(array);

    /// <summary>The namespace's key by value, the pod's parts by reference (equal references: equal parts, so equal keys).</summary>
    private sealed class SameObjects : IEqualityComparer<(string NamespaceKey, object Labels, object? Containers, bool HostNetwork, object? Ips)>
    {
        public static readonly SameObjects Instance = new();

        public bool Equals((string NamespaceKey, object Labels, object? Containers, bool HostNetwork, object? Ips) x, (string NamespaceKey, object Labels, object? Containers, bool HostNetwork, object? Ips) y) =>
            x.NamespaceKey == y.NamespaceKey && ReferenceEquals(x.Labels, y.Labels) && ReferenceEquals(x.Containers, y.Containers)
            && x.HostNetwork == y.HostNetwork && ReferenceEquals(x.Ips, y.Ips);

        public int GetHashCode((string NamespaceKey, object Labels, object? Containers, bool HostNetwork, object? Ips) shape) =>
            HashCode.Combine(shape.NamespaceKey, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(shape.Labels),
                shape.Containers is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(shape.Containers), shape.HostNetwork,
                shape.Ips is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(shape.Ips));
    }

    /// <summary>The named container port as Kubernetes resolves it: names are unique in a pod, so the first.</summary>
    public static ContainerPort? NamedPort(Pod pod, string name)
    {
        foreach (var container in pod.Containers)
        {
            foreach (var port in container.Ports)
            {
                if (port.Name == name) return port;
            }
        }
        return null;
    }

    /// <summary>The first address of the family, as the encoding gives it to the pod (see PolicySemantics.KnownAddress).</summary>
    public static System.Numerics.BigInteger? FirstAddress(Pod pod, bool isV6)
    {
        foreach (var text in pod.Ips.IsDefault ? [] : pod.Ips)
        {
            if (AddressRange.TryParseAddress(text, out var v6, out var value) && v6 == isV6) return value;
        }
        return null;
    }

    private static string KeyOf(string namespaceKey, Pod pod, Vocabulary vocabulary, bool merge)
    {
        var key = new StringBuilder(namespaceKey).Append('\0');
        foreach (var (labelKey, domain) in vocabulary.PodLabels)
        {
            key.Append(domain.IndexOf(pod.Labels.TryGetValue(labelKey, out var value) ? value : null)).Append(',');
        }
        key.Append('\0');
        foreach (var name in vocabulary.PortNames)
        {
            var port = NamedPort(pod, name);
            key.Append(port is null ? "-" : $"{port.Protocol}/{port.Number}").Append(',');
        }
        key.Append('\0');
        if (pod.HostNetwork) key.Append("host-network\0");
        if (!merge) return key.AppendJoin(",", pod.Ips).ToString();
        foreach (var isV6 in new[] { false, true })
        {
            if (FirstAddress(pod, isV6) is not { } address)
            {
                key.Append('-');
                continue;
            }
            foreach (var range in vocabulary.AddressRanges)
            {
                key.Append(range.IsV6 == isV6 && range.First <= address && address <= range.Last ? '1' : '0');
            }
            key.Append(';');
        }
        return key.ToString();
    }
}
