using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules;

/// <summary>
/// Why a finding is not counted: an annotation on the object named its rule. Span is where
/// the suppression was written (the annotation, or the object when that is not known).
/// </summary>
public sealed record FindingSuppression(string? Reason, SourceSpan Span);

/// <summary>
/// A rule's diagnostic after configuration: Diagnostic carries the effective severity.
/// A suppressed finding is kept (SARIF shows it as suppressed) but never counts towards
/// --fail-on or the summary.
/// </summary>
public sealed record Finding(Diagnostic Diagnostic, FindingSuppression? Suppression = null)
{
    public string RuleId => Diagnostic.RuleId;
    public Severity Severity => Diagnostic.Severity;
    public string Message => Diagnostic.Message;
    public SourceSpan Span => Diagnostic.Span;
    public ObjectRef? Object => Diagnostic.Object;
    public bool IsSuppressed => Suppression is not null;

    public override string ToString() => Diagnostic.ToString();
}
