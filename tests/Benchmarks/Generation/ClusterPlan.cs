namespace PolicyLint.Benchmarks.Generation;

/// <summary>How a workload appears in the manifests.</summary>
internal enum WorkloadShape
{
    Deployment,
    StatefulSet,
    /// <summary>Pods from a kubectl dump, owned by a ReplicaSet (no controller object in the files).</summary>
    DumpedPods,
}

internal sealed record PortPlan(string Name, int Number, string Protocol);

internal enum ServiceShape
{
    ClusterIP,
    ClusterIPWithExternalIPs,
    NodePort,
    LoadBalancer,
    LoadBalancerWithSourceRanges,
}

/// <summary>Labels are the pod labels in the order written; App and Tier repeat two of them for policy building.</summary>
internal sealed record WorkloadPlan(
    string Name,
    WorkloadShape Shape,
    string App,
    string Tier,
    IReadOnlyList<(string Key, string Value)> Labels,
    int Replicas,
    IReadOnlyList<PortPlan> Ports,
    ServiceShape? Service,
    bool HasIngress);

internal sealed record NamespacePlan(
    string Name,
    string Team,
    string Env,
    IReadOnlyList<WorkloadPlan> Workloads,
    int PolicyCount);

/// <summary>Everything the generator decided before writing a byte; files are a pure function of it.</summary>
internal sealed record ClusterPlan(SizeProfile Profile, ulong Seed, IReadOnlyList<NamespacePlan> Namespaces)
{
    public int WorkloadCount => Namespaces.Sum(n => n.Workloads.Count);
    public int PodCount => Namespaces.Sum(n => n.Workloads.Sum(w => w.Replicas));
    public int PolicyCount => Namespaces.Sum(n => n.PolicyCount);
    public int ServiceCount => Namespaces.Sum(n => n.Workloads.Count(w => w.Service is not null));
    public int IngressCount => Namespaces.Sum(n => n.Workloads.Count(w => w.HasIngress));
}
