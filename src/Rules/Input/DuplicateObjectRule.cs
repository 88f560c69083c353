using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class DuplicateObjectRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.DuplicateObject,
        "Two objects have the same kind, namespace and name",
        Severity.Error,
        "Two manifests declare an object with the same kind, namespace and name. Applying both makes the second silently replace the first, so what is deployed depends on file order.",
        "Rename one of the objects, or delete the copy. Objects without a namespace are in 'default'.");

    public override RuleDescriptor Descriptor => Rule;
}
