using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class PolicyLintOutputRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        "policylint-output",
        "File is PolicyLint's own output",
        Severity.Info,
        "A .json file met while reading a folder is output PolicyLint wrote (SARIF, lint or rules JSON, report, diff or can-reach JSON), for example 'report -o report.json' inside the folder it reads. It is skipped instead of being read back as a manifest on the next run.",
        "Write reports outside the folders you lint, or list them under 'ignore' in .policylint.yaml.");

    public override RuleDescriptor Descriptor => Rule;
}
