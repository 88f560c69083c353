using PolicyLint.Benchmarks.Generation;
using YamlDotNet.RepresentationModel;
using YamlNode = YamlDotNet.RepresentationModel.YamlNode;

namespace PolicyLint.Benchmarks.Tests.Generation;

/// <summary>
/// Reads generated files back with YamlDotNet's representation model, independently of
/// PolicyLint's loader, and flattens List items into plain objects.
/// </summary>
internal sealed class GeneratedManifests
{
    public List<YamlMappingNode> Objects { get; } = [];

    public static GeneratedManifests Read(GenerationSummary summary)
    {
        var manifests = new GeneratedManifests();
        foreach (var file in summary.Files)
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            foreach (var document in stream.Documents)
            {
                var root = (YamlMappingNode)document.RootNode;
                if (Text(root, "kind") == "List")
                {
                    manifests.Objects.AddRange(((YamlSequenceNode)root["items"]).Children.Cast<YamlMappingNode>());
                }
                else
                {
                    manifests.Objects.Add(root);
                }
            }
        }
        return manifests;
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => Text(o, "kind") == kind);

    public static string? Text(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            current = next;
        }
        return (current as YamlScalarNode)?.Value;
    }

    public static YamlNode? Node(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            current = next;
        }
        return current;
    }

    /// <summary>Every mapping key under the node.</summary>
    public static IEnumerable<string> Keys(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c => Keys(c.Value).Prepend(((YamlScalarNode)c.Key).Value!)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Keys),
        _ => [],
    };

    /// <summary>Every scalar under the node, for "does this feature appear anywhere" checks.</summary>
    public static IEnumerable<(string Key, string Value)> Pairs(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (value is YamlScalarNode scalar) yield return (((YamlScalarNode)key).Value!, scalar.Value!);
                    foreach (var pair in Pairs(value)) yield return pair;
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var pair in sequence.Children.SelectMany(Pairs)) yield return pair;
                break;
        }
    }
}
