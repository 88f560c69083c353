using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class RepeatedObjectRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        "repeated-object",
        "Objects repeat those of another build or folder",
        Severity.Info,
        "Objects with the same kind, namespace and name as objects read earlier from another view of the application: another rendered chart or kustomize build, or another folder of plain manifests (a release bundle next to its sources, an overlay next to its base). They are different ways to deploy the same objects, not a conflict: the first reading is analysed and the repeats are skipped, with one note per pair of views. Within one build or one folder the same name twice is still duplicate-object.",
        "Nothing, if the views are meant to repeat each other. To analyse one view only, lint its folder or build alone (for example 'kubectl kustomize overlays/prod | policylint lint -'), or list the other views under 'ignore'.");

    public override RuleDescriptor Descriptor => Rule;
}
