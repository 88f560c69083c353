using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// What every object carries: identity, labels, annotations (suppressions live there) and the
/// span of the object's first line in its file.
/// </summary>
public sealed record ObjectMeta(ObjectRef Ref, Labels Labels, Labels Annotations, SourceSpan Span)
{
    public string Name => Ref.Name;
    public string Namespace => Ref.Namespace;

    /// <summary>
    /// Where each annotation's value stands, when the loader recorded it. Lint reports findings
    /// about an annotation (an unused <c>policylint.io/ignore</c>) there, else at Span.
    /// </summary>
    public ImmutableSortedDictionary<string, SourceSpan> AnnotationSpans { get; init; } =
        ImmutableSortedDictionary<string, SourceSpan>.Empty;

    public SourceSpan AnnotationSpan(string key) =>
        AnnotationSpans.TryGetValue(key, out var span) && span.IsKnown ? span : Span;
}

/// <summary>Every modelled object: lets rules, suppressions and findings treat them alike.</summary>
public interface IManifestObject
{
    ObjectMeta Meta { get; }
}
