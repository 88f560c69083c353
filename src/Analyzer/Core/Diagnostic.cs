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
    /// <summary>
    /// The one-line form used on stderr: <c>file:line:column: rule-id: message</c>. A problem with
    /// a file as a whole (a path that cannot be read) says <c>file:0:0</c>, so tools that parse
    /// the position form still find the file.
    /// </summary>
    public override string ToString() =>
        Span.IsKnown || Span.File.Length == 0 ? $"{Span}: {RuleId}: {Message}" : $"{Span.File}:0:0: {RuleId}: {Message}";
}
