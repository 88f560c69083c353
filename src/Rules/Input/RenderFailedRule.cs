using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class RenderFailedRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        "render-failed",
        "Helm chart or kustomize root failed to render",
        Severity.Error,
        "helm template, kustomize build or kubectl kustomize ran on a folder of the input and exited with an error (a template error, a missing dependency chart, a resource that does not exist). None of the folder's objects are analysed; the message quotes the renderer's first lines of error output.",
        "Run the command shown in the message yourself and fix what it reports (for a chart with dependencies: 'helm dependency build CHART').");

    public override RuleDescriptor Descriptor => Rule;
}
