namespace PolicyLint.Analyzer.Manifests.Repository;

/// <summary>
/// Renders what the walk claimed. Each Helm chart is one <c>helm template</c> run; each
/// kustomize root that no other root in the input builds on (as a resource, base or component)
/// and that is not itself a <c>kind: Component</c> is one <c>kustomize build</c> (or
/// <c>kubectl kustomize</c>) run. Rendered objects go to the sink with positions in the source
/// files and the root as their view. A root whose renderer is not on PATH is skipped with one
/// not-rendered note saying how to render it and pipe the result; a renderer that fails is one
/// render-failed error.
/// </summary>
public sealed class RepositoryRendering(RepositoryOptions options, IManifestSink sink, VisitBudget? budget)
{
    private const string ReleaseName = "release-name";
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<string> _files = [];

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>The definition file of every root rendered, as the files its objects were read from.</summary>
    public IReadOnlyList<string> Files => _files;

    public void Render(IReadOnlyList<SourceRoot> roots)
    {
        var kustomizations = roots.Where(r => r.Kind == SourceRootKind.Kustomize)
            .ToDictionary(r => r, r => Kustomization.Read(r.DefinitionFile));
        var builtOn = kustomizations.Values.OfType<Kustomization>().SelectMany(k => k.Folders).ToHashSet(StringComparer.Ordinal);
        // The walk meets folders in the file system's order; builds are read in path order so the first reading of a repeated object is stable.
        foreach (var root in roots.OrderBy(r => r.Directory, StringComparer.Ordinal))
        {
            if (root.Kind == SourceRootKind.HelmChart)
            {
                RenderChart(root);
            }
            else if (!builtOn.Contains(root.FullDirectory))
            {
                if (kustomizations[root] is { IsComponent: true })
                {
                    NotRendered(root, $"kustomize Component {root.Directory} is built only by a kustomization that lists it under 'components', " +
                        "and none in the input does: it was not analysed. Lint the kustomization that uses it");
                }
                else
                {
                    RenderKustomization(root, kustomizations[root]);
                }
            }
        }
    }

    private void RenderChart(SourceRoot chart)
    {
        var values = options.HelmValues.SelectMany(v => new[] { "--values", v }).ToList();
        if (Renderer.Find("helm", options.SearchPath) is not { } helm)
        {
            var valuesText = string.Concat(values.Select(v => " " + v));
            NotRendered(chart, $"Helm chart {chart.Directory} was not rendered: helm is not on PATH. " +
                $"Render it and pipe the result: helm template {ReleaseName} {chart.Directory}{valuesText} | policylint lint -");
            return;
        }
        var output = new Renderer(helm, []).Run(["template", ReleaseName, chart.Directory, .. values]);
        Read(chart, output, "helm template", text => new HelmSources(chart, text));
    }

    private void RenderKustomization(SourceRoot root, Kustomization? kustomization)
    {
        var renderer = Renderer.Find("kustomize", options.SearchPath) is { } kustomize
            ? new Renderer(kustomize, ["build"])
            : Renderer.Find("kubectl", options.SearchPath) is { } kubectl ? new Renderer(kubectl, ["kustomize"]) : null;
        if (renderer is null)
        {
            NotRendered(root, $"kustomize root {root.Directory} was not rendered: neither kustomize nor kubectl is on PATH. " +
                $"Render it and pipe the result: kubectl kustomize {root.Directory} | policylint lint -");
            return;
        }
        var output = renderer.Run([root.Directory]);
        Read(root, output, $"{renderer.Name} {string.Join(' ', renderer.LeadingArguments)}", _ => new KustomizeSources(root, Resources(root, kustomization)));
    }

    private void Read(SourceRoot root, RenderOutput output, string command, Func<string, IRenderedSources> sources)
    {
        if (output.ExitCode != 0)
        {
            var reason = string.Join(" ", output.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
            _diagnostics.Add(new Diagnostic(RuleIds.RenderFailed, Severity.Error,
                $"{command} {root.Directory} failed (exit {output.ExitCode}): {(reason.Length == 0 ? "no message" : reason)}",
                new SourceSpan(root.DefinitionFile, 1, 1)));
            return;
        }
        _files.Add(root.DefinitionFile);
        var reader = new ManifestReader(new RenderedObjectSink(sink, sources(output.Manifests), root.Directory), budget);
        reader.ReadText(root.DefinitionFile, output.Manifests);
        // The rendered text has no file of its own: its problems are placed on the definition file.
        _diagnostics.AddRange(reader.Diagnostics.Select(d => d.Span.File == root.DefinitionFile
            ? d with { Span = new SourceSpan(root.DefinitionFile, 1, 1), Message = $"in the output of {command} {root.Directory}: {d.Message}" }
            : d));
    }

    private void NotRendered(SourceRoot root, string message) =>
        _diagnostics.Add(new Diagnostic(RuleIds.NotRendered, Severity.Info, message, new SourceSpan(root.DefinitionFile, 1, 1)));

    /// <summary>The objects of the resource files the root builds on, followed through the folders it builds on.</summary>
    private static List<ManifestObject> Resources(SourceRoot root, Kustomization? kustomization)
    {
        var collected = new ResourceCollector();
        var reader = new ManifestReader(collected);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Kustomization>();
        if (kustomization is not null) pending.Enqueue(kustomization);
        while (pending.TryDequeue(out var current))
        {
            foreach (var file in current.ResourceFiles)
            {
                if (visited.Add(file) && ReadAll(file) is { } text) reader.ReadText(Displayed(root, file), text);
            }
            foreach (var folder in current.Folders)
            {
                if (!visited.Add(folder)) continue;
                var definition = SourceRoot.KustomizationNames.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
                if (definition is not null && Kustomization.Read(definition) is { } next) pending.Enqueue(next);
            }
        }
        return collected.Objects;
    }

    /// <summary>A file's path spelled like the root's: relative when the user's path was.</summary>
    private static string Displayed(SourceRoot root, string fullPath) =>
        Path.IsPathRooted(root.Directory) ? fullPath : Path.GetRelativePath(Environment.CurrentDirectory, fullPath);

    private static string? ReadAll(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed class ResourceCollector : IManifestSink
    {
        public List<ManifestObject> Objects { get; } = [];

        public void Accept(ManifestObject manifest) => Objects.Add(manifest);
    }
}
