using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>Loads YAML written in a test as the file "m.yaml".</summary>
internal static class Loading
{
    public const string File = "m.yaml";

    public static LoadedCluster Load(string yaml) => ClusterLoader.LoadTexts([(File, yaml)]);

    /// <summary>Loads and asserts there is no diagnostic at all.</summary>
    public static Cluster Clean(string yaml)
    {
        var loaded = Load(yaml);
        Assert.Equal("", string.Join("\n", loaded.Diagnostics.Select(d => d.ToString())));
        return loaded.Cluster;
    }

    public static SourceSpan At(int line, int column) => new(File, line, column);

    /// <summary>The diagnostics as their one-line form, joined by newlines (readable diffs).</summary>
    public static string Messages(LoadedCluster loaded) => string.Join("\n", loaded.Diagnostics.Select(d => d.ToString()));
}
