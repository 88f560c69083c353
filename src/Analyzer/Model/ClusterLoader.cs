using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Manifests.Repository;
using PolicyLint.Analyzer.Model.Reading;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// Loads manifests into a <see cref="Cluster"/>: reads the paths (files, directories, <c>-</c>
/// for stdin), builds and validates every object as it is read, then groups pods into
/// workloads and adds implicit namespaces. Never throws for bad input.
/// </summary>
public static class ClusterLoader
{
    /// <summary>
    /// Reads the paths in order; <paramref name="stdin"/> serves <c>-</c> (without it, <c>-</c> is an
    /// invalid-path error: the console belongs to the CLI). Objects without metadata.namespace are
    /// in <paramref name="defaultNamespace"/> (null: <c>default</c>), as <c>kubectl apply -n</c> puts them.
    /// </summary>
    /// <remarks>Helm charts and kustomize roots met in directories are rendered with <paramref name="repository"/> (by default: the renderers on the process's PATH, default values).</remarks>
    public static LoadedCluster Load(IReadOnlyList<string> paths, TextReader? stdin = null, string? defaultNamespace = null, RepositoryOptions? repository = null)
    {
        var budget = new VisitBudget();
        var builder = new ClusterBuilder(budget, defaultNamespace);
        var layout = new RepositoryLayout();
        var reader = new ManifestReader(builder, budget, layout);
        reader.ReadPaths(paths, stdin);
        var rendering = new RepositoryRendering(repository ?? RepositoryOptions.FromEnvironment(), builder, budget);
        rendering.Render(layout.Roots);
        return builder.Finish([.. reader.Diagnostics, .. layout.Diagnostics, .. rendering.Diagnostics], [.. reader.Files, .. rendering.Files]);
    }

    /// <summary>Loads texts already in memory; each Path is used in spans as given.</summary>
    public static LoadedCluster LoadTexts(IEnumerable<(string Path, string Text)> files, string? defaultNamespace = null)
    {
        var budget = new VisitBudget();
        var builder = new ClusterBuilder(budget, defaultNamespace);
        var reader = new ManifestReader(builder, budget);
        foreach (var (path, text) in files) reader.ReadText(path, text);
        return builder.Finish(reader.Diagnostics, reader.Files);
    }
}
