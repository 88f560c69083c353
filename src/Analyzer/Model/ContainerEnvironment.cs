using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>A text written in a manifest (an env value, a command word) and where it stands.</summary>
public sealed record DeclaredText(string Text, SourceSpan Span);

/// <summary>env[].valueFrom.configMapKeyRef: one key of a ConfigMap of the pod's own namespace.</summary>
public sealed record ConfigMapKeySelector(string ConfigMap, string Key, bool Optional, SourceSpan Span);

/// <summary>
/// One env[] entry. Value is the literal value (which the kubelet expands, see docs/dependencies.md);
/// ConfigMapKey is set for configMapKeyRef. Both are null for values from Secrets, fields or
/// resources, which the input does not hold.
/// </summary>
public sealed record EnvVar(string Name, DeclaredText? Value, ConfigMapKeySelector? ConfigMapKey);

/// <summary>envFrom[].configMapRef: every key of the ConfigMap, each name prefixed with Prefix.</summary>
public sealed record EnvFromConfigMap(string ConfigMap, string Prefix, bool Optional, SourceSpan Span);

/// <summary>What one container (init containers too) is told about its peers: env, envFrom, command and args.</summary>
public sealed record ContainerEnvironment(
    string Container,
    bool Init,
    ImmutableArray<EnvFromConfigMap> EnvFrom,
    ImmutableArray<EnvVar> Env,
    ImmutableArray<DeclaredText> Command,
    ImmutableArray<DeclaredText> Args);

/// <summary>
/// The environment of every container of a pod, and spec.enableServiceLinks (default true):
/// whether the kubelet injects {SVC}_SERVICE_HOST and friends for the Services of the pod's namespace.
/// </summary>
public sealed record PodEnvironment(ImmutableArray<ContainerEnvironment> Containers, bool EnableServiceLinks)
{
    public static PodEnvironment None { get; } = new([], true);
}
