using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class NotRenderedRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        "not-rendered",
        "Helm chart or kustomize root was not rendered",
        Severity.Info,
        "A folder in the input is a Helm chart (it has Chart.yaml) or a kustomize root (it has kustomization.yaml), and the program that renders it (helm; kustomize or kubectl) is not on PATH. Its templates, patches and components are not manifests, so the folder is skipped as a whole rather than read as broken YAML; its objects are not analysed.",
        "Install helm, kustomize or kubectl where PolicyLint runs, or render the folder yourself and pipe the result: 'helm template NAME CHART | policylint lint -' or 'kubectl kustomize DIR | policylint lint -'.");

    public override RuleDescriptor Descriptor => Rule;
}
