using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

public sealed class InvalidPathRule : LoadDiagnosticRule
{
    public static RuleDescriptor Rule { get; } = InputRule(
        RuleIds.InvalidPath,
        "Input path cannot be read",
        Severity.Error,
        "A path given on the command line does not exist or cannot be read. lint stops with exit code 2 when this happens, because the input is not what the user asked for.",
        "Check the path, its spelling and its permissions; use '-' to read from standard input.");

    public override RuleDescriptor Descriptor => Rule;
}
