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
}

/// <summary>Every modelled object: lets rules, suppressions and findings treat them alike.</summary>
public interface IManifestObject
{
    ObjectMeta Meta { get; }
}
