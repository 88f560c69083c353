using System.CommandLine;

namespace PolicyLint.Cli.Completion;

/// <summary>
/// <c>policylint completion bash|zsh|fish|pwsh</c>: prints a shell script that asks policylint
/// itself for suggestions through System.CommandLine's <c>[suggest:POSITION]</c> directive, so
/// commands, options and option values (formats, profiles, severities) complete exactly as
/// the parser knows them, with no separate list to keep up to date and no dotnet-suggest to install.
/// </summary>
public static class CompletionCommand
{
    public static readonly string[] Shells = ["bash", "zsh", "fish", "pwsh"];

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("SHELL") { Description = "The shell: bash, zsh, fish or pwsh." };
        shell.AcceptOnlyFromAmong(Shells);
        var command = new Command("completion", "Print a shell completion script (bash, zsh, fish or pwsh); see docs/packaging.md.");
        command.Arguments.Add(shell);
        command.SetAction(parse =>
        {
            context.Out.Write(Script(parse.GetValue(shell)!));
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Script(string shell)
    {
        using var stream = typeof(CompletionCommand).Assembly.GetManifestResourceStream($"PolicyLint.Cli.Completion.{shell}")
            ?? throw new InvalidOperationException($"no completion script for {shell}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
