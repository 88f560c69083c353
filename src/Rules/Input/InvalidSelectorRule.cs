using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class InvalidSelectorRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.InvalidSelector,
        "Label selector is invalid",
        Severity.Error,
        "A label selector has a label key or value that is not valid Kubernetes syntax, an unknown operator, In or NotIn without values, or Exists or DoesNotExist with values. The API server would reject the object.",
        "Use keys of the form [prefix/]name (name at most 63 characters of alphanumerics, '-', '_', '.'), values of at most 63 such characters, one of In, NotIn, Exists, DoesNotExist, and give values exactly to In and NotIn.");

    public override RuleDescriptor Descriptor => Rule;
}
