using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Suppressions;

/// <summary>
/// Marks the findings that an object's ignore annotation names as suppressed, and reports each
/// annotation entry that suppressed nothing as <c>unused-suppression</c> at the annotation.
/// Entries for rules that the configuration turned off are not reported as unused: the rule
/// did not run, so nothing can be said about them.
/// </summary>
public static class SuppressionFilter
{
    public static (ImmutableArray<Finding> Findings, ImmutableArray<Diagnostic> Unused) Apply(
        IEnumerable<Diagnostic> diagnostics,
        IReadOnlyList<SuppressionAnnotation> annotations,
        IReadOnlySet<string> knownRuleIds,
        IReadOnlySet<string> ranRuleIds)
    {
        var byObject = annotations
            .GroupBy(a => a.Object)
            .ToDictionary(g => g.Key, g => g.First());
        var used = new HashSet<(ObjectRef, string)>();
        var findings = ImmutableArray.CreateBuilder<Finding>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Object is { } target
                && byObject.TryGetValue(target, out var annotation)
                && annotation.RuleIds.Contains(diagnostic.RuleId))
            {
                used.Add((target, diagnostic.RuleId));
                findings.Add(new Finding(diagnostic, new FindingSuppression(annotation.Reason, annotation.Span)));
            }
            else
            {
                findings.Add(new Finding(diagnostic));
            }
        }
        var unused = annotations
            .SelectMany(a => a.RuleIds.Select(id => (Annotation: a, Id: id)))
            .Where(e => !used.Contains((e.Annotation.Object, e.Id)))
            .Where(e => !knownRuleIds.Contains(e.Id) || ranRuleIds.Contains(e.Id))
            .Select(e => Unused(e.Annotation, e.Id, knownRuleIds.Contains(e.Id)))
            .ToImmutableArray();
        return (findings.ToImmutable(), unused);
    }

    private static Diagnostic Unused(SuppressionAnnotation annotation, string ruleId, bool known) =>
        new(UnusedSuppression.Descriptor.Id,
            UnusedSuppression.Descriptor.DefaultSeverity,
            known
                ? $"{annotation.Object}: {SuppressionAnnotation.IgnoreKey} names '{ruleId}', which reports nothing about this object"
                : $"{annotation.Object}: {SuppressionAnnotation.IgnoreKey} names '{ruleId}', which is not a PolicyLint rule id",
            annotation.Span,
            annotation.Object);
}
