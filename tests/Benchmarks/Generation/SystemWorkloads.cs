namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// The three namespaces every generated cluster has: cluster DNS (kube-system, k8s-app=kube-dns),
/// an ingress controller, and Prometheus. Application policies refer to them by name. Each
/// system workload's first label names and selects its Service.
/// </summary>
internal static class SystemWorkloads
{
    public static IReadOnlyList<NamespacePlan> Namespaces { get; } =
    [
        new NamespacePlan(ClusterPlanner.KubeSystem, "platform", "prod",
        [
            new WorkloadPlan("coredns", WorkloadShape.Deployment, "coredns", "system",
                [("k8s-app", "kube-dns"), ("app", "coredns")], 2,
                [new PortPlan("dns", 53, "UDP"), new PortPlan("dns-tcp", 53, "TCP"), new PortPlan("metrics", 9153, "TCP")],
                ServiceShape.ClusterIP, HasIngress: false),
        ], PolicyCount: 1),
        new NamespacePlan(ClusterPlanner.IngressNamespace, "platform", "prod",
        [
            new WorkloadPlan("ingress-nginx-controller", WorkloadShape.Deployment, "ingress-nginx", "system",
                [("app.kubernetes.io/name", "ingress-nginx"), ("app", "ingress-nginx")], 2,
                [new PortPlan("http", 80, "TCP"), new PortPlan("https", 443, "TCP")],
                ServiceShape.LoadBalancer, HasIngress: false),
        ], PolicyCount: 1),
        new NamespacePlan(ClusterPlanner.MonitoringNamespace, "platform", "prod",
        [
            new WorkloadPlan("prometheus", WorkloadShape.StatefulSet, "prometheus", "system",
                [("app", "prometheus")], 1,
                [new PortPlan("web", 9090, "TCP")],
                ServiceShape.ClusterIP, HasIngress: false),
        ], PolicyCount: 1),
    ];

    public static bool IsSystem(string namespaceName) =>
        namespaceName is ClusterPlanner.KubeSystem or ClusterPlanner.IngressNamespace or ClusterPlanner.MonitoringNamespace;
}
