using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>One key of a ConfigMap's data, with where its value stands.</summary>
public sealed record ConfigMapEntry(string Key, string Value, SourceSpan Span);

/// <summary>
/// A ConfigMap: only its data is modelled (binaryData holds no text to read), in document
/// order. Pods read it through env[].valueFrom.configMapKeyRef and envFrom[].configMapRef,
/// which is where declared dependencies come from (docs/dependencies.md).
/// </summary>
public sealed record ConfigMap(ObjectMeta Meta, ImmutableArray<ConfigMapEntry> Data) : IManifestObject
{
    public string Namespace => Meta.Namespace;
    public string Name => Meta.Name;

    public ConfigMapEntry? Find(string key) => Data.FirstOrDefault(e => e.Key == key);
}
