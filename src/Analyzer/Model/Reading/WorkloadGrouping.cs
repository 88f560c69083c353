using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Turns controllers and pods into workloads (see <see cref="ClusterBuilder"/> for the rules).
/// Linear in the number of objects. Workloads are ordered by Id, ordinal.
/// </summary>
internal static class WorkloadGrouping
{
    public static ImmutableArray<Workload> Group(IReadOnlyList<ControllerDraft> controllers, IReadOnlyList<PodDraft> pods)
    {
        var present = new HashSet<(string Namespace, string Kind, string Name)>();
        foreach (var c in controllers) present.Add(Key(c.Meta));
        var superseded = new HashSet<(string, string, string)>();
        foreach (var c in controllers)
        {
            if (c.Owner is { } owner && present.Contains((c.Meta.Namespace, owner.Kind, owner.Name)))
            {
                superseded.Add((c.Meta.Namespace, owner.Kind, owner.Name));
            }
        }
        var groups = GroupPods(pods);
        var workloads = new List<Workload>(controllers.Count + groups.Count);
        foreach (var c in controllers)
        {
            var key = Key(c.Meta);
            if (superseded.Contains(key)) continue;
            if (groups.Remove(key, out var group))
            {
                workloads.Add(new Workload(c.Meta, key.Kind, [.. group.Select(p => p.Pod)], group.Count));
            }
            else
            {
                workloads.Add(new Workload(c.Meta, key.Kind, [c.Template], c.Replicas));
            }
        }
        foreach (var (key, group) in groups)
        {
            workloads.Add(new Workload(GroupMeta(key, group), key.Kind, [.. group.Select(p => p.Pod)], group.Count));
        }
        workloads.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return [.. workloads];
    }

    private static (string Namespace, string Kind, string Name) Key(ObjectMeta meta) => (meta.Namespace, meta.Ref.Kind, meta.Name);

    /// <summary>Pods by owner, in input order; a pod without a controller owner is keyed by itself.</summary>
    private static Dictionary<(string Namespace, string Kind, string Name), List<PodDraft>> GroupPods(IReadOnlyList<PodDraft> pods)
    {
        var groups = new Dictionary<(string, string, string), List<PodDraft>>();
        foreach (var pod in pods)
        {
            var key = pod.Owner is { } owner ? (pod.Meta.Namespace, owner.Kind, owner.Name) : Key(pod.Meta);
            if (!groups.TryGetValue(key, out var list)) groups.Add(key, list = []);
            list.Add(pod);
        }
        return groups;
    }

    /// <summary>
    /// Metadata for pods grouped under an owner that is not in the input: the owner's identity,
    /// with the labels and annotations of the pod that is the owner itself if there is one,
    /// else of the first pod, and that pod's span.
    /// </summary>
    private static ObjectMeta GroupMeta((string Namespace, string Kind, string Name) key, List<PodDraft> group)
    {
        var source = group.Find(p => p.Owner is null) ?? group[0];
        return new ObjectMeta(new ObjectRef(key.Kind, key.Namespace, key.Name), source.Meta.Labels, source.Meta.Annotations, source.Meta.Span);
    }
}
