using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules;

/// <summary>
/// A lint rule: a descriptor and a pure function from the analysed input to findings.
/// Each concrete subclass is listed once in <see cref="RuleRegistry"/> (a test fails when one
/// is missing), so adding a rule is one file, one line in the registry and its page in
/// docs/rules. Rules report at the descriptor's default severity; configuration, ignored paths and suppressions are applied afterwards by <see cref="Linter"/>.
/// </summary>
public abstract class LintRule
{
    public abstract RuleDescriptor Descriptor { get; }

    public string Id => Descriptor.Id;

    public abstract IEnumerable<Diagnostic> Analyze(LintContext context);

    /// <summary>A finding of this rule about <paramref name="target"/>, at <paramref name="span"/>
    /// when it is known and at the object's first line otherwise.</summary>
    protected Diagnostic Report(IManifestObject target, SourceSpan? span, string message) =>
        new(Descriptor.Id, Descriptor.DefaultSeverity, message,
            span is { IsKnown: true } ? span : target.Meta.Span, target.Meta.Ref);

    protected Diagnostic Report(ObjectRef? target, SourceSpan span, string message) =>
        new(Descriptor.Id, Descriptor.DefaultSeverity, message, span, target);
}
