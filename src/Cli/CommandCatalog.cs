using System.CommandLine;

namespace PolicyLint.Cli;

/// <summary>Every subcommand, in the order `policylint --help` lists them.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context) =>
    [
        Report.ReportCommand.Create(context),
        CanReach.CanReachCommand.Create(context),
        Paths.PathsCommand.Create(context),
        BlastRadius.BlastRadiusCommand.Create(context),
        Lint.LintCommand.Create(context),
        Diff.DiffCommand.Create(context),
        Lint.RulesCommand.Create(context),
        Completion.CompletionCommand.Create(context),
    ];
}
