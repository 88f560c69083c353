using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>Reads metadata: name (required), namespace (default "default"), labels, annotations, controller owner.</summary>
internal static class MetadataReader
{
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
            AnnotationSpans = PolicyLintAnnotationSpans(metadata.Get("annotations")),
        };
    }

    /// <summary>
    /// Where each policylint.io/ annotation's value stands, so lint can point at a suppression.
    /// Only those keys: pods often carry many annotations nobody asks the position of.
    /// </summary>
    private static ImmutableSortedDictionary<string, SourceSpan> PolicyLintAnnotationSpans(YamlNode? node)
    {
        var spans = ImmutableSortedDictionary<string, SourceSpan>.Empty;
        if (node is not YamlMapping mapping) return spans;
        foreach (var (key, value) in mapping.Entries)
        {
            if (key is YamlScalar scalar && scalar.Value.StartsWith("policylint.io/", StringComparison.Ordinal))
            {
                spans = spans.SetItem(scalar.Value, value.Span);
            }
        }
        return spans;
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
