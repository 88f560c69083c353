using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>Reads metadata: name (required), namespace (default "default"), labels, annotations, controller owner.</summary>
internal static class MetadataReader
{
    public const string ToolAnnotationPrefix = "policylint.io/";

    /// <summary>Null when the object has no name: it cannot be identified, so it cannot be built.</summary>
    public static ObjectMeta? Read(ObjectReader r, ManifestObject manifest, bool clusterScoped)
    {
        var root = manifest.Root;
        var path = FieldPath.Root.Field("metadata");
        var metadata = r.Mapping(root.Get("metadata"), path);
        var name = metadata is null ? null : r.Text(metadata.Get("name"), path.Field("name"));
        var ns = clusterScoped || metadata is null ? "" : r.Text(metadata.Get("namespace"), path.Field("namespace")) ?? "";
        if (!clusterScoped && ns.Length == 0) ns = Namespace.Default;
        r.Object = new ObjectRef(manifest.Kind, ns, name ?? "(unnamed)");
        if (name is null || name.Length == 0)
        {
            r.Error(RuleIds.InvalidObject, metadata ?? (YamlNode)root, path.Field("name"), "required field is missing (the object is skipped)");
            return null;
        }
        var labels = r.StringMap(metadata!.Get("labels"), path.Field("labels"), strictValues: true);
        var annotations = r.StringMap(metadata.Get("annotations"), path.Field("annotations"), strictValues: false);
        return new ObjectMeta(r.Object, labels, annotations, root.Span)
        {
            AnnotationSpans = ToolAnnotationSpans(metadata.Get("annotations") as YamlMapping),
        };
    }

    /// <summary>
    /// Spans of this tool's own annotations (<c>policylint.io/...</c>, the suppressions), the only
    /// ones findings point at; other annotations are not recorded, to keep large dumps cheap.
    /// </summary>
    private static ImmutableSortedDictionary<string, SourceSpan> ToolAnnotationSpans(YamlMapping? annotations)
    {
        if (annotations is null) return ImmutableSortedDictionary<string, SourceSpan>.Empty;
        ImmutableSortedDictionary<string, SourceSpan>.Builder? spans = null;
        foreach (var (key, value) in annotations.Entries)
        {
            if (key is not YamlScalar { Value: var name } || !name.StartsWith(ToolAnnotationPrefix, StringComparison.Ordinal)) continue;
            spans ??= ImmutableSortedDictionary.CreateBuilder<string, SourceSpan>(StringComparer.Ordinal);
            spans[name] = value.Span;
        }
        return spans?.ToImmutable() ?? ImmutableSortedDictionary<string, SourceSpan>.Empty;
    }

    /// <summary>
    /// The ownerReferences entry with controller: true. Its kind defaults to "Pod" when missing
    /// (as the reference tool names such workloads); an entry without a name is ignored.
    /// </summary>
    public static ControllerOwner? ReadControllerOwner(ObjectReader r, YamlMapping root)
    {
        var path = FieldPath.Root.Field("metadata");
        if (root.Get("metadata") is not YamlMapping metadata) return null;
        var ownersPath = path.Field("ownerReferences");
        var owners = r.Sequence(metadata.Get("ownerReferences"), ownersPath);
        if (owners is null) return null;
        for (var i = 0; i < owners.Count; i++)
        {
            var itemPath = ownersPath.At(i);
            if (r.Mapping(owners.Items[i], itemPath) is not { } owner) continue;
            if (r.Boolean(owner.Get("controller"), itemPath.Field("controller")) != true) continue;
            var name = r.Text(owner.Get("name"), itemPath.Field("name"));
            if (name is null) continue;
            return new ControllerOwner(r.Text(owner.Get("kind"), itemPath.Field("kind")) ?? "Pod", name);
        }
        return null;
    }
}
