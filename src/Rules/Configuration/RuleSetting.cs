using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Configuration;

/// <summary>
/// What the configuration says about one rule: <c>off</c> (Enabled false), <c>on</c>
/// (default severity) or a severity that replaces the default.
/// </summary>
public sealed record RuleSetting(bool Enabled, Severity? Severity, SourceSpan Span);
