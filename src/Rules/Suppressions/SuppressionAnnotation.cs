using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Suppressions;

/// <summary>
/// One <c>policylint.io/ignore: "id,id"</c> annotation, with the optional
/// <c>policylint.io/ignore-reason</c>. It suppresses findings of those rules about the object
/// that carries it, and nothing else.
/// </summary>
public sealed record SuppressionAnnotation(ObjectRef Object, ImmutableArray<string> RuleIds, string? Reason, SourceSpan Span)
{
    public const string IgnoreKey = "policylint.io/ignore";
    public const string ReasonKey = "policylint.io/ignore-reason";

    /// <summary>The annotations of every object that has one, in object order.</summary>
    public static ImmutableArray<SuppressionAnnotation> ReadAll(Cluster cluster) =>
        cluster.Objects.Select(o => Read(o.Meta)).OfType<SuppressionAnnotation>().ToImmutableArray();

    public static SuppressionAnnotation? Read(ObjectMeta meta)
    {
        if (!meta.Annotations.TryGetValue(IgnoreKey, out var value)) return null;
        var ids = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        var reason = meta.Annotations.TryGetValue(ReasonKey, out var text) && text.Trim().Length > 0 ? text.Trim() : null;
        return new SuppressionAnnotation(meta.Ref, ids, reason, meta.AnnotationSpan(IgnoreKey));
    }
}
