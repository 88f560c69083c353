using System.CommandLine;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report;

/// <summary>`policylint report`: which peers may reach which, in one of the report formats.</summary>
public static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths();
        var format = CommonOptions.Format(
            "Output format: text (for people), connlist (one line per pair), json, md, csv, dot, svg (needs Graphviz), html.",
            [.. ReportFormats.All.Select(f => f.Name)]);
        var output = CommonOptions.Output();
        var focus = new Option<string?>("--focus")
        {
            Description = "Only connections to or from these workloads (comma-separated ns/name or ns/name[Kind]).",
        };
        var profile = CommonOptions.Profile();
        var verbose = CommonOptions.Verbose();
        var command = new Command("report", "Report which workloads, Services and outside addresses can reach which, on which ports.")
        {
            paths, format, output, focus, profile, verbose,
        };
        command.SetAction(parse => Run(
            context,
            CommonOptions.PathsOrCurrentDirectory(parse.GetValue(paths)),
            ReportFormats.Find(parse.GetValue(format)!),
            parse.GetValue(output),
            parse.GetValue(focus),
            parse.GetValue(profile)!,
            parse.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<string> paths, IReportFormatter formatter, string? output,
        string? focus, string profileName, bool verbose)
    {
        if (!CommonOptions.TryParseProfile(context, profileName, out var profile)) return ExitCodes.BadInput;
        if (formatter is SvgReportFormatter && !Graphviz.IsAvailable)
        {
            context.Error.WriteLine($"policylint: {Graphviz.MissingMessage}");
            return ExitCodes.BadInput;
        }
        var loaded = AnalysisInput.Load(context, paths, verbose);
        var analysis = new Analysis(loaded.Cluster, profile);
        var focused = analysis.ResolveFocus(focus, context.DefaultNamespace);
        if (focused.Failure is { } failure)
        {
            context.Error.WriteLine($"policylint: {failure.Message(focused.Unresolved!)}");
            return ExitCodes.BadInput;
        }
        var report = analysis.Report(focused.Workloads, formatter.ShowsServices);
        try
        {
            if (!OutputTarget.Write(context, output, writer => formatter.Write(report, writer))) return ExitCodes.BadInput;
        }
        catch (GraphvizException e)
        {
            context.Error.WriteLine($"policylint: Graphviz could not draw the graph: {e.Message}; '--format dot' prints its source");
            return ExitCodes.BadInput;
        }
        return AnalysisInput.ExitCode(loaded, ExitCodes.Success);
    }
}
