namespace PolicyLint.Analyzer.Core;

/// <summary>
/// A problem found while loading or validating input, or by a lint rule. RuleId is one of the
/// public ids of docs/rules (for example <c>invalid-cidr</c>); Object is null when the problem is
/// not inside an object (a file that does not parse).
/// </summary>
public sealed record Diagnostic(
    string RuleId,
    Severity Severity,
    string Message,
    SourceSpan Span,
    ObjectRef? Object = null)
{
    /// <summary>The one-line form used on stderr: <c>file:line:column: rule-id: message</c>.</summary>
    public override string ToString() => $"{Span}: {RuleId}: {Message}";
}
