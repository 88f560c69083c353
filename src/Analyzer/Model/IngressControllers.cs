using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// The ingress controllers deployed in the input, when it has them: the workloads whose pods
/// carry the traffic that enters through an Ingress or a Route. One identification serves the
/// engine's <c>{ingress-controller}</c> peer, exposure and every rule.
/// <para>
/// First by IngressClass: an IngressClass names its controller (spec.controller), and the
/// manifests that install one label the IngressClass as they label the controller's pods
/// (ingress-nginx, Traefik, Contour, HAProxy: <c>app.kubernetes.io/name</c>, <c>instance</c>,
/// <c>component</c>); the workloads whose pods carry every one of those labels the class has run
/// it. Failing that, by name: a workload whose namespace name, or the
/// <c>app.kubernetes.io/name</c> label of one of its pods, contains "ingress", "traefik" or
/// "contour" (ingress-nginx, OpenShift's openshift-ingress router, Traefik, Contour, HAProxy
/// Ingress, ...). Workloads scaled to 0 run no pods and are never controllers.
/// </para>
/// </summary>
public static class IngressControllers
{
    private static readonly string[] Markers = ["ingress", "traefik", "contour"];
    private static readonly string[] ClassLabels = ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component"];

    public static ImmutableArray<Workload> Find(Cluster cluster)
    {
        var running = cluster.Workloads.Where(w => !w.Pods.IsDefaultOrEmpty).ToList();
        ImmutableArray<Workload> byClass = [.. running.Where(w => cluster.IngressClasses.Any(c => Runs(w, c)))];
        return byClass.IsEmpty ? [.. running.Where(IsNamedLikeController)] : byClass;
    }

    /// <summary>Whether the workload's pods carry every app.kubernetes.io name/instance/component label of the class (it needs the name).</summary>
    public static bool Runs(Workload workload, IngressClass ingressClass)
    {
        var labels = ClassLabels.Where(ingressClass.Meta.Labels.ContainsKey).ToList();
        if (!labels.Contains(ClassLabels[0])) return false;
        return workload.Pods.Any(p => labels.All(key => p.Labels.TryGetValue(key, out var value) && value == ingressClass.Meta.Labels[key]));
    }

    public static bool IsNamedLikeController(Workload workload) =>
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
