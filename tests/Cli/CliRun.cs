using PolicyLint.Cli;

namespace PolicyLint.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output, as a user would from a shell.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args) => In(RepositoryRoot.Path, stdin: "", args);

    public static CliRun In(string workingDirectory, string stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            var code = CliApp.Run(args, new CliContext(new StringReader(stdin), output, error, IsTerminal: false, workingDirectory));
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
