using System.Collections.Immutable;
using PolicyLint.Analyzer.Queries.Dependencies;

namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>What the policies make of a declared dependency.</summary>
public enum DependencyStatus
{
    /// <summary>Every needed connection is allowed (and DNS, for a name).</summary>
    Reachable,

    /// <summary>Some needed connection is refused: the client's egress, some backend's ingress, or DNS.</summary>
    Blocked,

    /// <summary>The name looks in-cluster but the input has no such Service, or the Service has no such port.</summary>
    Unresolved,

    /// <summary>An ExternalName Service: the connection leaves the cluster.</summary>
    External,

    /// <summary>The Service selects no workload of the input: nothing to check.</summary>
    NoBackends,
}

/// <summary>
/// The status of one dependency and, for every status but Reachable, the reasons in words
/// (which policy isolates the client, how many backends refuse it, what DNS needs).
/// </summary>
public sealed record DependencyVerdict(DeclaredDependency Dependency, DependencyStatus Status, ImmutableArray<string> Reasons)
{
    public string StatusText => Status switch
    {
        DependencyStatus.Reachable => "reachable",
        DependencyStatus.Blocked => "blocked",
        DependencyStatus.Unresolved => "unresolved",
        DependencyStatus.External => "external",
        _ => "no-backends",
    };

    /// <summary>Identifies the dependency across two versions of the input (diff): client, target, ports, where declared.</summary>
    public string Key => $"{Dependency.Client.Id} -> {Dependency.TargetText} ({Dependency.Declaration.Container}: {Dependency.Declaration.Origin})";
}
