using System.CommandLine;
using PolicyLint.Analyzer.Manifests.Repository;

namespace PolicyLint.Cli;

/// <summary>How the commands render the Helm charts and kustomize roots they meet (see docs/repositories.md).</summary>
public static class RepositoryInput
{
    public static Option<string[]> HelmValues() => new("--helm-values")
    {
        Description = "Values file passed to 'helm template' for every Helm chart in the input (repeatable). Default: the chart's own values.",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static RepositoryOptions Options(CliContext context, string[]? helmValues) =>
        new(context.SearchPath, [.. helmValues ?? []]);
}
