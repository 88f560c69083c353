namespace PolicyLint.Analyzer.Manifests.Repository;

public enum SourceRootKind
{
    HelmChart,
    Kustomize,
}

/// <summary>
/// A folder that is a source of manifests rather than manifests: a Helm chart (it holds
/// Chart.yaml) or a kustomize root (it holds kustomization.yaml, kustomization.yml or
/// Kustomization). Directory is spelled as the walk met it, so spans stay relative when the
/// user's paths are; DefinitionFile is the Chart.yaml or kustomization file.
/// </summary>
public sealed record SourceRoot(SourceRootKind Kind, string Directory, string DefinitionFile)
{
    public static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public const string ChartFileName = "Chart.yaml";

    /// <summary>The root a folder is, given the names of its files; null for a plain folder. A chart wins over a kustomization beside it.</summary>
    public static SourceRoot? Of(string directory, IEnumerable<string> files)
    {
        var names = files.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        if (names.Contains(ChartFileName)) return new(SourceRootKind.HelmChart, directory, Path.Combine(directory, ChartFileName));
        foreach (var name in KustomizationNames)
        {
            if (names.Contains(name)) return new(SourceRootKind.Kustomize, directory, Path.Combine(directory, name));
        }
        return null;
    }

    public string FullDirectory => Path.GetFullPath(Directory);
}
