using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class NoObjectsRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.NoObjects,
        "Input contains no Kubernetes objects",
        Severity.Warning,
        "The files read contain no Kubernetes object at all, so there is nothing to analyse and every other rule is silent.",
        "Point policylint at the directory or files that hold the manifests, or render templates (helm template, kustomize build) and pipe them in with '-'.");

    public override RuleDescriptor Descriptor => Rule;
}
