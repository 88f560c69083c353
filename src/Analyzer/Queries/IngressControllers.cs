using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// The ingress controllers deployed in the input, when it has them. The engine's
/// <c>{ingress-controller}</c> peer is a pod of no namespace of the input (the conformance
/// reading): only rules that admit every namespace admit it. A real controller runs in some
/// namespace, and policies usually admit that namespace by name; so when the input holds the
/// controller, traffic from it counts as Ingress traffic too. A workload is taken for an
/// ingress controller when its namespace name, or the <c>app.kubernetes.io/name</c> label of
/// one of its pods, contains "ingress", "traefik" or "contour" (ingress-nginx, OpenShift's
/// openshift-ingress router, Traefik, Contour, HAProxy Ingress, ...).
/// </summary>
public static class IngressControllers
{
    private static readonly string[] Markers = ["ingress", "traefik", "contour"];

    public static ImmutableArray<Workload> Find(Cluster cluster) =>
        [.. cluster.Workloads.Where(IsController)];

    public static bool IsController(Workload workload) =>
        Marked(workload.Namespace)
        || workload.Pods.Any(p => p.Labels.TryGetValue("app.kubernetes.io/name", out var name) && Marked(name));

    private static bool Marked(string text)
    {
        foreach (var marker in Markers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
