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
                // A controller scaled to 0 runs no pod: its template is kept out of the model,
                // so it accepts nothing, backs no Service and is no peer.
                workloads.Add(new Workload(c.Meta, key.Kind, c.Replicas == 0 ? [] : [c.Template], c.Replicas));
            }
        }
        foreach (var (key, group) in groups)
        {
            workloads.Add(new Workload(GroupMeta(key, group), key.Kind, [.. group.Select(p => p.Pod)], group.Count));
        }
        // Each Id is built once, not twice per comparison.
        var ordered = workloads.ToArray();
        Array.Sort(Array.ConvertAll(ordered, w => w.Id), ordered, StringComparer.Ordinal);
        return ImmutableArray.Create(ordered);
    }

    /// <summary>The owner kind the kubelet writes into the mirror pod of a static pod.</summary>
    private const string StaticPodOwnerKind = "Node";

    private static (string Namespace, string Kind, string Name) Key(ObjectMeta meta) => (meta.Namespace, meta.Ref.Kind, meta.Name);

    /// <summary>
    /// Pods by owner, in input order; a pod without a controller owner is keyed by itself, and so
    /// is a static pod's mirror (owned by its Node: every static pod is a workload of its own).
    /// </summary>
    private static Dictionary<(string Namespace, string Kind, string Name), List<PodDraft>> GroupPods(IReadOnlyList<PodDraft> pods)
    {
        var groups = new Dictionary<(string, string, string), List<PodDraft>>();
        foreach (var pod in pods)
        {
            var key = pod.Owner is { Kind: not StaticPodOwnerKind } owner ? (pod.Meta.Namespace, owner.Kind, owner.Name) : Key(pod.Meta);
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
