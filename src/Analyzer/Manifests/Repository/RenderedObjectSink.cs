namespace PolicyLint.Analyzer.Manifests.Repository;

/// <summary>
/// Hands rendered objects on with their positions mapped back to the chart's or kustomize
/// root's files and with the root as their view, so names repeat freely across roots and stay
/// unique within one build.
/// </summary>
internal sealed class RenderedObjectSink(IManifestSink next, IRenderedSources sources, string view) : IManifestSink
{
    public void Accept(ManifestObject manifest)
    {
        var location = sources.Locate(manifest);
        var copy = new SpanCopy();
        var root = (YamlMapping)copy.Copy(manifest.Root, location.Source, location.Fallback);
        next.Accept(manifest with { Root = root, View = view });
    }

    /// <summary>
    /// Copies a node tree with each node placed on its counterpart in the source (same key in a
    /// mapping, same index in a sequence) or, without one, on its parent's position. Aliases
    /// stay shared: a node met twice is copied once.
    /// </summary>
    private sealed class SpanCopy
    {
        private readonly Dictionary<YamlNode, YamlNode> _copies = new(ReferenceEqualityComparer.Instance);

        public YamlNode Copy(YamlNode node, YamlNode? source, SourceSpan parent)
        {
            if (_copies.TryGetValue(node, out var done)) return done;
            var span = source?.Span ?? parent;
            YamlNode copy = node switch
            {
                YamlScalar scalar => new YamlScalar(scalar.Value, scalar.IsPlain, span.File, span.Line, span.Column),
                YamlMapping mapping => new YamlMapping(mapping.Entries.Select(e => CopyEntry(e, source as YamlMapping, span)).ToArray(), span.File, span.Line, span.Column),
                YamlSequence sequence => new YamlSequence(sequence.Items.Select((item, i) => Copy(item, Item(source as YamlSequence, i), span)).ToArray(), span.File, span.Line, span.Column),
                _ => node,
            };
            return _copies[node] = copy;
        }

        private KeyValuePair<YamlNode, YamlNode> CopyEntry(KeyValuePair<YamlNode, YamlNode> entry, YamlMapping? source, SourceSpan span)
        {
            var counterpart = entry.Key is YamlScalar key && source is not null
                ? source.Entries.FirstOrDefault(e => e.Key is YamlScalar k && k.Value == key.Value)
                : default;
            return new(Copy(entry.Key, counterpart.Key, span), Copy(entry.Value, counterpart.Value, span));
        }

        private static YamlNode? Item(YamlSequence? source, int index) =>
            source is not null && index < source.Count ? source.Items[index] : null;
    }
}
