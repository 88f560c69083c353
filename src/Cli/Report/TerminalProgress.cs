using Spectre.Console;

namespace PolicyLint.Cli.Report;

/// <summary>
/// A transient status line on stderr while a long report is computed (Spectre.Console). It is
/// drawn only when stderr is a terminal and the report does not go to that terminal too; with
/// NO_COLOR set it has no colour. Otherwise the work runs without any output of its own.
/// </summary>
public static class TerminalProgress
{
    /// <summary>Clusters this big get a progress line; smaller ones finish too fast to need one.</summary>
    public const int LongRunWorkloads = 300;

    /// <summary>
    /// Only the formats people wait for (html, svg), only on a terminal stderr, never when the
    /// report itself goes to that terminal, and only for clusters big enough to take a while.
    /// </summary>
    public static bool IsWanted(IReportFormatter formatter, CliContext context, bool toFile, int workloads) =>
        formatter.Name is "html" or "svg" && context.ErrorIsTerminal && (toFile || !context.OutIsTerminal) && workloads >= LongRunWorkloads;

    /// <summary>Runs <paramref name="work"/>, which names each step it starts, drawing them on <paramref name="error"/> when <paramref name="show"/>.</summary>
    public static void Run(TextWriter error, bool show, Action<Action<string>> work)
    {
        if (!show)
        {
            work(_ => { });
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            ColorSystem = Environment.GetEnvironmentVariable("NO_COLOR") is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        console.Status().Start("policylint: analysing", status => work(step => status.Status($"policylint: {Markup.Escape(step)}")));
    }
}
