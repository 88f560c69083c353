using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class NotKubernetesRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.NotKubernetes,
        "File holds no Kubernetes object",
        Severity.Warning,
        "A .yaml, .yml or .json file in the input parses, but its documents are not Kubernetes objects (no apiVersion and kind). It is skipped; often it is a values file or a fixture in the wrong directory.",
        "Move the file out of the analysed directories, or list it under 'ignore' in .policylint.yaml.");

    public override RuleDescriptor Descriptor => Rule;
}
