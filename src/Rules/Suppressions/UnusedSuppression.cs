using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Suppressions;

/// <summary>
/// The catalog entry for <c>unused-suppression</c>. It is not a <see cref="LintRule"/>: its
/// findings come from applying suppressions to the other rules' findings (see
/// <see cref="SuppressionFilter"/>), so it has a descriptor and no analysis of its own.
/// </summary>
public static class UnusedSuppression
{
    public static RuleDescriptor Descriptor { get; } = new(
        "unused-suppression",
        "A policylint.io/ignore entry suppresses nothing",
        Severity.Info,
        "Suppression",
        "An entry of the policylint.io/ignore annotation names a rule that reports nothing about this object " +
        "(or is not a PolicyLint rule id). Stale suppressions hide future findings that nobody has reviewed.",
        "Remove the rule id from the annotation, or the whole annotation when no entry is left. " +
        "Check the spelling against 'policylint rules'.",
        [RuleTags.Maintainability],
        0.0);
}
