using System.Collections.Immutable;
using System.Text;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// Input pods that the policies cannot tell apart (same namespace, same labels and named ports
/// as far as the vocabulary goes, same IPs) share one class; the symbolic pod restricted to the
/// input ranges over classes, not over the possibly very many pods.
/// </summary>
internal sealed record InputPodClass(int Index, string Namespace, Pod Pod, ImmutableArray<Workload> Workloads)
{
    /// <summary>The classes, and the class of each input pod (by reference).</summary>
    public static (ImmutableArray<InputPodClass> Classes, IReadOnlyDictionary<Pod, InputPodClass> ByPod) Classify(
        Cluster cluster, Vocabulary vocabulary)
    {
        var podKeys = new List<(Pod Pod, string Key)>();
        var byKey = new Dictionary<string, (int Index, string Namespace, Pod Pod, List<Workload> Workloads)>(StringComparer.Ordinal);
        foreach (var workload in cluster.Workloads)
        {
            foreach (var pod in workload.Pods)
            {
                var key = KeyOf(workload.Namespace, pod, vocabulary);
                podKeys.Add((pod, key));
                if (!byKey.TryGetValue(key, out var entry))
                {
                    entry = (byKey.Count, workload.Namespace, pod, []);
                    byKey[key] = entry;
                }
                if (!entry.Workloads.Contains(workload)) entry.Workloads.Add(workload);
            }
        }
        var classes = byKey.Values.OrderBy(e => e.Index)
            .Select(e => new InputPodClass(e.Index, e.Namespace, e.Pod, [.. e.Workloads]))
            .ToImmutableArray();
        var byPod = new Dictionary<Pod, InputPodClass>(ReferenceEqualityComparer.Instance);
        foreach (var (pod, key) in podKeys) byPod[pod] = classes[byKey[key].Index];
        return (classes, byPod);
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

    private static string KeyOf(string ns, Pod pod, Vocabulary vocabulary)
    {
        var key = new StringBuilder(ns).Append('\0');
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
        key.Append('\0').AppendJoin(",", pod.Ips).Append(pod.HostNetwork ? "\0host-network" : "");
        return key.ToString();
    }
}
