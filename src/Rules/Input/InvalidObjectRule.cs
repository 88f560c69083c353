using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class InvalidObjectRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.InvalidObject,
        "Object has a field of the wrong type or misses a required field",
        Severity.Error,
        "A known kind (NetworkPolicy, Deployment, Service, ...) has a field of the wrong type or lacks a required field. The API server would reject the object, so it is not analysed.",
        "Correct the field named in the message so that it matches the Kubernetes API reference for the kind.");

    public override RuleDescriptor Descriptor => Rule;
}
