using YamlDotNet.RepresentationModel;

namespace PolicyLint.Analyzer.Manifests.Repository;

/// <summary>
/// What a kustomization file says about other files: its kind (a <c>Component</c> is never
/// built on its own), the local folders it builds on (<c>resources</c> and the older
/// <c>bases</c> entries that are folders, and <c>components</c>), and the local manifest files
/// it takes as resources. Remote references (URLs, git) are left to the renderer.
/// See https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/.
/// </summary>
public sealed record Kustomization(bool IsComponent, IReadOnlyList<string> Folders, IReadOnlyList<string> ResourceFiles)
{
    /// <summary>Reads the file; null when it cannot be read or parsed (the renderer will say why).</summary>
    public static Kustomization? Read(string file)
    {
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file)) stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return new(false, [], []);
            var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
            var folders = new List<string>();
            var files = new List<string>();
            foreach (var entry in Entries(root, "resources").Concat(Entries(root, "bases")))
            {
                if (Local(directory, entry) is not { } path) continue;
                if (System.IO.Directory.Exists(path)) folders.Add(path);
                else if (File.Exists(path)) files.Add(path);
            }
            foreach (var entry in Entries(root, "components"))
            {
                if (Local(directory, entry) is { } path && System.IO.Directory.Exists(path)) folders.Add(path);
            }
            var kind = root.Children.TryGetValue(new YamlScalarNode("kind"), out var k) ? (k as YamlScalarNode)?.Value : null;
            return new(kind == "Component", folders, files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Entries(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value).OfType<string>()
            : [];

    /// <summary>The full path of a local reference; null for a URL or a git reference.</summary>
    private static string? Local(string directory, string entry) =>
        entry.Contains("://", StringComparison.Ordinal) || entry.StartsWith("git@", StringComparison.Ordinal) || entry.StartsWith("github.com/", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(Path.Combine(directory, entry));
}
