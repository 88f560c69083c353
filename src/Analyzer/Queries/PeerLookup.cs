using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>The peer a user's text names, or why none does and which names come closest.</summary>
public sealed record PeerLookupResult(Peer? Peer, string? Problem, ImmutableArray<string> Suggestions)
{
    public bool Found => Peer is not null;
}

/// <summary>
/// Resolves what users type on the command line: <c>ns/name[Kind]</c>, <c>ns/name</c>,
/// <c>name</c> (namespace <c>default</c>, or the one given with --namespace), an IP address (the outside range that holds it),
/// <c>{ingress-controller}</c>, a part of a split workload by its id (<c>ns/{a,b}[Pod]</c>), or one pod of a
/// controller by its name (<c>ns/pod</c>, <c>ns/pod[Pod]</c>): that pod alone (docs/split-workloads.md).
/// </summary>
public static class PeerLookup
{
    public static PeerLookupResult Find(ReachabilityEngine engine, string text, string? defaultNamespace = null)
    {
        if (text == IngressControllerPeer.Name)
        {
            return engine.FindPeer(text) is { } controller
                ? new PeerLookupResult(controller, null, [])
                : new PeerLookupResult(null, "no Ingress or Route in the input, so there is no ingress controller traffic", []);
        }
        if (IpAddressText.TryParse(text, out var family, out var address))
        {
            // Exactly that address: the engine's own ranges are cut per direction and overlap.
            return new PeerLookupResult(new ExternalPeer(IpSet.Of(new IpRange(family, address, address))), null, []);
        }

        var wanted = text.Contains('/') ? text : $"{defaultNamespace ?? Namespace.Default}/{text}";
        if (engine.FindPeer(wanted) is WorkloadPeer exact) return new PeerLookupResult(exact, null, []);
        var workloads = engine.Cluster.Workloads.Where(w => !engine.PeersOf(w).IsEmpty).Select(w => new WorkloadPeer(w)).ToList();
        var matches = workloads.Where(w => w.Id == wanted || $"{w.Workload.Namespace}/{w.Workload.Name}" == wanted).ToList();
        return matches.Count switch
        {
            1 => new PeerLookupResult(matches[0], null, []),
            > 1 => new PeerLookupResult(null, $"'{text}' names several workloads; add the kind",
                [.. matches.Select(m => m.Id).Order(StringComparer.Ordinal)]),
            _ when PodOf(workloads, wanted) is { } pod => new PeerLookupResult(pod, null, []),
            _ => ScaledToZero(engine, wanted) is { } idle
                ? new PeerLookupResult(null, $"{idle.Id} is scaled to 0: it runs no pods, so it reaches nothing and nothing reaches it", [])
                : new PeerLookupResult(null, $"no workload '{text}' in the input",
                    Closest(wanted, workloads.Select(w => w.Id).Concat(engine.Peers.OfType<WorkloadPeer>().Where(p => p.IsPart).Select(p => p.Id)))),
        };
    }

    /// <summary>
    /// <c>ns/pod</c> or <c>ns/pod[Pod]</c> naming one pod of a controller in the input (not its
    /// template): that pod alone, as a part of its owner, so the answer is the pod's own.
    /// </summary>
    private static WorkloadPeer? PodOf(List<WorkloadPeer> workloads, string wanted)
    {
        var podSuffix = $"[{nameof(WorkloadKind.Pod)}]";
        var name = wanted.EndsWith(podSuffix, StringComparison.Ordinal) ? wanted[..^podSuffix.Length] : wanted;
        var slash = name.IndexOf('/');
        var (ns, podName) = (name[..slash], name[(slash + 1)..]);
        foreach (var owner in workloads.Select(w => w.Workload).Where(w => w.Namespace == ns && w.Kind != nameof(WorkloadKind.Pod)))
        {
            foreach (var pod in owner.Pods)
            {
                // a controller's template carries the controller's own name
                if (pod.Name == podName && pod.Name != owner.Name) return WorkloadPeer.PartOf(owner, [pod]);
            }
        }
        return null;
    }

    private static Workload? ScaledToZero(ReachabilityEngine engine, string wanted) =>
        engine.Cluster.Workloads.FirstOrDefault(w => w.ScaledToZero && (w.Id == wanted || $"{w.Namespace}/{w.Name}" == wanted));

    /// <summary>Up to three ids nearest by edit distance (ignoring the [Kind] suffix), nearest first.</summary>
    public static ImmutableArray<string> Closest(string wanted, IEnumerable<string> ids) =>
    [
        .. ids.Select(id => (Id: id, Distance: EditDistance(wanted, StripKind(id))))
            .Where(c => c.Distance <= Math.Max(3, wanted.Length / 3))
            .OrderBy(c => c.Distance).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Id),
    ];

    private static string StripKind(string id) => id.IndexOf('[') is var i and > 0 ? id[..i] : id;

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
