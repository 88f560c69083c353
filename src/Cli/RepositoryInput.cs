using System.CommandLine;
using PolicyLint.Analyzer.Manifests.Repository;

namespace PolicyLint.Cli;

/// <summary>
/// How the commands render the Helm charts and kustomize roots they meet (see docs/repositories.md):
/// the global <c>--helm-values FILE</c>, set on the root so every command that reads manifests
/// (lint, report, can-reach, diff, paths, blast-radius) takes it alike.
/// </summary>
public static class RepositoryInput
{
    public static Option<string[]> HelmValues() => new("--helm-values")
    {
        Description = "Values file passed to 'helm template' for every Helm chart in the input (repeatable). Default: the chart's own values.",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrMore,
        Recursive = true,
    };

    /// <summary>The context with the values files asked for (none: the charts' own values).</summary>
    public static CliContext Apply(CliContext context, string[]? helmValues) =>
        helmValues is { Length: > 0 } ? context with { HelmValues = [.. helmValues] } : context;

    public static RepositoryOptions Options(CliContext context) => new(context.SearchPath, context.HelmValues);
}
