namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>Runs the CLI on YAML given as standard input ('-'), as a user piping a kubectl dump does.</summary>
internal static class DumpInput
{
    public static CliRun Run(string yaml, params string[] args) => CliRun.In(RepositoryRoot.Path, yaml, args);

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
