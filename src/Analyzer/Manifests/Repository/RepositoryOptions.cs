using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Manifests.Repository;

/// <summary>
/// How charts and kustomize roots are rendered: the PATH searched for helm, kustomize and
/// kubectl (null: none is found, every root is skipped with a not-rendered note), and the
/// values files passed to every <c>helm template</c> (none: the chart's default values).
/// </summary>
public sealed record RepositoryOptions(string? SearchPath, ImmutableArray<string> HelmValues)
{
    public static RepositoryOptions FromEnvironment() => new(Environment.GetEnvironmentVariable("PATH"), []);
}
