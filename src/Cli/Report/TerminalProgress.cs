using Spectre.Console;

namespace PolicyLint.Cli.Report;

/// <summary>
/// A transient status line on stderr while a long report is computed (Spectre.Console). It is
/// drawn only when stderr is a terminal and the report does not go to that terminal too; with
/// NO_COLOR set it has no colour. Otherwise the work runs without any output of its own.
/// </summary>
public static class TerminalProgress
{
    /// <summary>Runs <paramref name="work"/>, which names each step it starts.</summary>
    public static void Run(bool show, Action<Action<string>> work)
    {
        if (!show)
        {
            work(_ => { });
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            ColorSystem = Environment.GetEnvironmentVariable("NO_COLOR") is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        console.Status().Start("policylint: analysing", status => work(step => status.Status($"policylint: {Markup.Escape(step)}")));
    }
}
