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
    /// invalid-path error: the console belongs to the CLI). <paramref name="options"/> gives the
    /// default namespace, the rendering of Helm charts and kustomize roots met in directories, and
    /// the name checking (null: <see cref="LoadOptions"/>'s defaults). With a focus, files (not
    /// stdin, not rendered charts) are pre-scanned and what other namespaces' pairs need is skipped.
    /// </summary>
    public static LoadedCluster Load(IReadOnlyList<string> paths, TextReader? stdin = null, LoadOptions? options = null)
    {
        options ??= new LoadOptions();
        var budget = new VisitBudget();
        var builder = new ClusterBuilder(budget, options);
        var layout = new RepositoryLayout();
        var reader = new ManifestReader(builder, budget, layout) { Focus = options.Focus };
        reader.ReadPaths(paths, stdin);
        var rendering = new RepositoryRendering(options.Repository ?? RepositoryOptions.FromEnvironment(), builder, budget);
        rendering.Render(layout.Roots);
        return builder.Finish([.. reader.Diagnostics, .. layout.Diagnostics, .. rendering.Diagnostics], [.. reader.Files, .. rendering.Files])
            with { Skipped = reader.Skipped };
    }

    /// <summary>Loads texts already in memory; each Path is used in spans as given.</summary>
    public static LoadedCluster LoadTexts(IEnumerable<(string Path, string Text)> files, LoadOptions? options = null)
    {
        var budget = new VisitBudget();
        var builder = new ClusterBuilder(budget, options ?? new LoadOptions());
        var reader = new ManifestReader(builder, budget);
        foreach (var (path, text) in files) reader.ReadText(path, text);
        return builder.Finish(reader.Diagnostics, reader.Files);
    }
}
