using PolicyLint.Cli.Report;
using PolicyLint.Cli.Report.Html;

namespace PolicyLint.Cli.Tests.Report.Html;

/// <summary>Progress is for people waiting at a terminal: never in machine formats, never when redirected, never for small runs.</summary>
public sealed class TerminalProgressTests
{
    private static readonly CliContext Terminal = new(TextReader.Null, TextWriter.Null, TextWriter.Null, IsTerminal: true, ".")
    {
        ErrorIsTerminal = true,
        OutIsTerminal = true,
    };

    [Fact]
    public void Long_html_run_to_a_file_shows_progress_on_a_terminal()
    {
        Assert.True(TerminalProgress.IsWanted(new HtmlReportFormatter(), Terminal, toFile: true, TerminalProgress.LongRunWorkloads));
        Assert.True(TerminalProgress.IsWanted(new SvgReportFormatter(), Terminal with { OutIsTerminal = false }, toFile: false, 2000));
    }

    [Fact]
    public void No_progress_in_machine_formats_when_redirected_or_for_small_runs()
    {
        foreach (var format in ReportFormats.All.Where(f => f.Name is not ("html" or "svg")))
        {
            Assert.False(TerminalProgress.IsWanted(format, Terminal, toFile: true, 2000), format.Name);
        }
        var html = new HtmlReportFormatter();
        Assert.False(TerminalProgress.IsWanted(html, Terminal with { ErrorIsTerminal = false }, toFile: true, 2000));
        Assert.False(TerminalProgress.IsWanted(html, Terminal, toFile: false, 2000));
        Assert.False(TerminalProgress.IsWanted(html, Terminal, toFile: true, TerminalProgress.LongRunWorkloads - 1));
    }

    [Fact]
    public void Without_progress_the_work_runs_and_writes_nothing()
    {
        var error = new StringWriter();
        var steps = new List<string>();

        TerminalProgress.Run(error, show: false, step => { step("one"); steps.Add("ran"); });

        Assert.Equal(["ran"], steps);
        Assert.Equal("", error.ToString());
    }
}
