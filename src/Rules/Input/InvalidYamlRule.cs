using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class InvalidYamlRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.InvalidYaml,
        "File is not parseable YAML or JSON",
        Severity.Error,
        "The file cannot be parsed as YAML or JSON, so none of its objects are analysed. The finding gives the line and column where the parser stopped and its reason.",
        "Fix the syntax at the reported position (indentation, an unclosed quote or bracket, a tab used for indentation). 'kubectl apply --dry-run=client -f FILE' reports the same problem.");

    public override RuleDescriptor Descriptor => Rule;
}
