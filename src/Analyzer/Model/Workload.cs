using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

public enum WorkloadKind
{
    Pod,
    Deployment,
    ReplicaSet,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
    ReplicationController,
}

public sealed record ContainerPort(
    string? Name,
    int Number,
    Protocol Protocol,
    int? HostPort,
    string? HostIp,
    SourceSpan Span)
{
    /// <summary>Where the hostPort field's value stands, when set (findings about host ports point there).</summary>
    public SourceSpan? HostPortSpan { get; init; }
}

public sealed record Container(string Name, ImmutableArray<ContainerPort> Ports, SourceSpan Span)
{
    /// <summary>The container's image reference as written (<c>spec.containers[].image</c>); null when absent.</summary>
    public string? Image { get; init; }
}

/// <summary>
/// One pod, or the pod template of a controller. Ips come from status.podIP / status.podIPs
/// and are empty when the manifest does not say.
/// </summary>
public sealed record Pod(
    string Name,
    Labels Labels,
    ImmutableArray<Container> Containers,
    bool HostNetwork,
    ImmutableArray<string> Ips,
    SourceSpan Span)
{
    public IEnumerable<ContainerPort> Ports => Containers.SelectMany(c => c.Ports);

    /// <summary>env, envFrom, command and args of every container, for declared dependencies.</summary>
    public PodEnvironment Environment { get; init; } = PodEnvironment.None;

    /// <summary><c>spec.serviceAccountName</c>; <c>default</c> when absent, as the ServiceAccount admission controller sets it.</summary>
    public string ServiceAccount { get; init; } = DefaultServiceAccount;

    public const string DefaultServiceAccount = "default";
}

/// <summary>
/// The unit of analysis and of output: a controller (Deployment, StatefulSet, ...) or a bare
/// Pod. Pods whose ownerReferences name a controller (controller: true) are grouped into one
/// Workload named after that owner, so Kind is a string: an owner may be of any kind
/// (ReplicaSet, or a custom one); a static pod's mirror (owned by a Node) stays a Pod of its own.
/// Pods holds the template for controllers (nothing when scaled to 0), or each grouped pod.
/// Meta.Span points at the first object that made this workload.
/// </summary>
public sealed record Workload(
    ObjectMeta Meta,
    string Kind,
    ImmutableArray<Pod> Pods,
    int Replicas) : IManifestObject
{
    public string Namespace => Meta.Namespace;
    public string Name => Meta.Name;

    /// <summary>The peer name of the connlist grammar: <c>ns/name[Kind]</c>.</summary>
    public string Id => $"{Meta.Namespace}/{Meta.Name}[{Kind}]";

    public bool HostNetwork => Pods.Any(p => p.HostNetwork);

    /// <summary>A controller with replicas (or parallelism) 0 and no pod in the input: it runs nothing.</summary>
    public bool ScaledToZero => Replicas == 0 && Pods.IsDefaultOrEmpty;

    public override string ToString() => Id;
}
