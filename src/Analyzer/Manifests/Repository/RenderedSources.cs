namespace PolicyLint.Analyzer.Manifests.Repository;

/// <summary>
/// Where a rendered object came from: the source node it was made from when one is known (its
/// fields are then placed on the source's fields), and the position to use for every field the
/// source does not have.
/// </summary>
internal readonly record struct SourceLocation(YamlNode? Source, SourceSpan Fallback);

/// <summary>Maps the objects of one renderer's output back to the files of the chart or kustomize root.</summary>
internal interface IRenderedSources
{
    SourceLocation Locate(ManifestObject rendered);
}

/// <summary>
/// Helm writes <c># Source: CHART/templates/FILE</c> before each document of <c>helm template</c>
/// (subcharts as <c>CHART/charts/SUB/templates/FILE</c>). Templates are not YAML, so positions
/// inside them cannot be mapped field by field: an object is placed on its template's
/// <c>kind:</c> line (line 1 when the template computes its kind), in the template file.
/// </summary>
internal sealed class HelmSources : IRenderedSources
{
    private const string SourcePrefix = "# Source: ";
    private readonly SourceRoot _chart;
    private readonly List<(int Line, string File)> _sections = [];
    private readonly Dictionary<(string File, string Kind), int> _kindLines = [];

    public HelmSources(SourceRoot chart, string rendered)
    {
        _chart = chart;
        var number = 0;
        foreach (var line in rendered.Split('\n'))
        {
            number++;
            if (!line.StartsWith(SourcePrefix, StringComparison.Ordinal)) continue;
            var source = line[SourcePrefix.Length..].Trim();
            var slash = source.IndexOf('/');
            if (slash < 0) continue;
            var file = Path.Combine(chart.Directory, source[(slash + 1)..].Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(file)) _sections.Add((number, file));
        }
    }

    public SourceLocation Locate(ManifestObject rendered)
    {
        var file = _sections.LastOrDefault(s => s.Line < rendered.Root.Line).File;
        if (file is null) return new(null, new SourceSpan(_chart.DefinitionFile, 1, 1));
        return new(null, new SourceSpan(file, KindLine(file, rendered.Kind), 1));
    }

    private int KindLine(string file, string kind)
    {
        if (_kindLines.TryGetValue((file, kind), out var known)) return known;
        var found = 1;
        try
        {
            var lines = File.ReadAllLines(file);
            var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith("kind:", StringComparison.Ordinal) && l.Contains(kind, StringComparison.Ordinal));
            if (index >= 0) found = index + 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            found = 1;
        }
        return _kindLines[(file, kind)] = found;
    }
}

/// <summary>
/// kustomize copies resources and changes some fields (names with namePrefix/nameSuffix,
/// namespaces, labels, patched fields) without saying where an object came from. A rendered
/// object is matched to the resource file object of the same kind and name (or, failing that,
/// the one whose name the rendered name contains: a prefix or suffix was added); its fields are
/// then placed on the same fields of the source, and fields a patch added on the nearest
/// enclosing field that the source has.
/// </summary>
internal sealed class KustomizeSources(SourceRoot root, IReadOnlyList<ManifestObject> resources) : IRenderedSources
{
    public SourceLocation Locate(ManifestObject rendered)
    {
        var name = Name(rendered.Root);
        var sameKind = resources.Where(r => r.Kind == rendered.Kind).ToList();
        var source = sameKind.FirstOrDefault(r => Name(r.Root) == name)
            ?? sameKind.Where(r => Name(r.Root) is { Length: > 0 } n && name?.Contains(n, StringComparison.Ordinal) == true)
                .MaxBy(r => Name(r.Root)!.Length);
        return source is null
            ? new(null, new SourceSpan(root.DefinitionFile, 1, 1))
            : new(source.Root, source.Root.Span);
    }

    private static string? Name(YamlMapping root) => (root.Get("metadata") as YamlMapping)?.GetText("name");
}
