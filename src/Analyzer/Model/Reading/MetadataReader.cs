using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>Reads metadata: name (required), namespace (default "default", or the one given on the command line), labels, annotations, controller owner.</summary>
internal static class MetadataReader
{
    public const string ToolAnnotationPrefix = "policylint.io/";

    /// <summary>Null when the object has no name: it cannot be identified, so it cannot be built.</summary>
    /// <param name="lenientNames">See <see cref="LoadOptions.LenientNames"/>.</param>
    public static ObjectMeta? Read(ObjectReader r, ManifestObject manifest, bool clusterScoped, string defaultNamespace = Namespace.Default, bool lenientNames = false)
    {
        var root = manifest.Root;
        var path = FieldPath.Root.Field("metadata");
        var metadata = r.Mapping(root.Get("metadata"), path);
        var name = metadata is null ? null : r.Text(metadata.Get("name"), path.Field("name"));
        var ns = clusterScoped || metadata is null ? "" : r.Text(metadata.Get("namespace"), path.Field("namespace")) ?? "";
        if (!clusterScoped && ns.Length == 0) ns = defaultNamespace;
        r.Object = new ObjectRef(manifest.Kind, ns, name ?? "(unnamed)");
        if (name is null || name.Length == 0)
        {
            r.Error(RuleIds.InvalidObject, metadata ?? (YamlNode)root, path.Field("name"), "required field is missing (the object is skipped)");
            return null;
        }
        var syntax = new SyntaxCheck(r, lenientNames);
        if (!HasValidIdentity(syntax, manifest.Kind, metadata!, path, name, ns, clusterScoped)) return null;
        var labels = r.StringMap(metadata!.Get("labels"), path.Field("labels"), strictValues: true);
        if (!HasValidLabels(syntax, metadata.Get("labels") as YamlMapping, labels, path.Field("labels"))) return null;
        var annotations = r.StringMap(metadata.Get("annotations"), path.Field("annotations"), strictValues: false);
        return new ObjectMeta(r.Object, labels, annotations, root.Span)
        {
            AnnotationSpans = ToolAnnotationSpans(metadata.Get("annotations") as YamlMapping),
        };
    }

    /// <summary>
    /// The API server refuses an object whose name, namespace or labels break its syntax, so
    /// by default such an object is refused here too: invalid-object error, the object skipped.
    /// Leniently (profile netpol-analyzer), a value made only of letters, digits, '-', '_' and '.'
    /// (and '/' in a label key) that breaks the syntax otherwise (uppercase, '_', a bad first or
    /// last character) is an invalid-object warning and the object is analysed as written: the
    /// reference tool accepts such names and its conformance manifests use them. Markup, blanks,
    /// controls and over-long values are refused either way.
    /// </summary>
    private static bool HasValidIdentity(SyntaxCheck r, string kind, YamlMapping metadata, FieldPath path, string name, string ns, bool clusterScoped)
    {
        var valid = Check(r, metadata.Get("name")!, path.Field("name"), name, NameSyntax.CheckName(kind, name), "name");
        if (!clusterScoped && metadata.Get("namespace") is { } nsNode)
        {
            valid &= Check(r, nsNode, path.Field("namespace"), ns, NameSyntax.CheckNamespace(ns), "namespace");
        }
        return valid;
    }

    /// <summary>Label keys and values as the API server checks them (see <see cref="HasValidIdentity"/>).</summary>
    private static bool HasValidLabels(SyntaxCheck r, YamlMapping? node, Labels labels, FieldPath path)
    {
        if (node is null) return true;
        var valid = true;
        foreach (var (keyNode, valueNode) in node.Entries)
        {
            if (keyNode is not YamlScalar { Value: var key } || !labels.TryGetValue(key, out var value)) continue;
            valid &= Check(r, keyNode, path.Field(key), key, LabelSyntax.CheckKey(key), "label key")
                && Check(r, valueNode, path.Field(key), value, LabelSyntax.CheckValue(value), "label value");
        }
        return valid;
    }

    private static bool Check(SyntaxCheck check, YamlNode at, FieldPath path, string value, string? problem, string what)
    {
        if (problem is null) return true;
        var r = check.Reader;
        var tolerable = check.Lenient && value.Length <= NameSyntax.MaxLength
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' || (c == '/' && what == "label key"));
        var message = $"{ObjectReader.Quote(value)} is not a valid {what} ({problem})";
        if (!tolerable)
        {
            r.Error(RuleIds.InvalidObject, at, path, message + "; the object is skipped");
            return false;
        }
        r.Warning(RuleIds.InvalidObject, at, path, message + "; the API server would refuse it, the object is analysed as written");
        return true;
    }

    /// <summary>The reader that records the diagnostics, and whether the netpol-analyzer leniency applies.</summary>
    private readonly record struct SyntaxCheck(ObjectReader Reader, bool Lenient);

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
