using System.CommandLine;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Model;
using PolicyLint.Cli.Report.Html;
using PolicyLint.Rules;
using PolicyLint.Rules.Configuration;

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
        var loaded = AnalysisInput.Load(context, paths, profile, verbose);
        var analysis = new Analysis(loaded.Cluster, profile);
        var focused = analysis.ResolveFocus(focus, context.DefaultNamespace);
        if (focused.Failure is { } failure)
        {
            context.Error.WriteLine($"policylint: {failure.Message(focused.Unresolved!)}");
            return ExitCodes.BadInput;
        }
        var showProgress = TerminalProgress.IsWanted(formatter, context, output is not null, loaded.Cluster.Workloads.Length);
        var written = true;
        try
        {
            TerminalProgress.Run(context.Error, showProgress, step =>
            {
                step("computing who can reach whom");
                var report = analysis.Report(focused.Workloads, formatter.ShowsServices);
                if (formatter is HtmlReportFormatter)
                {
                    var page = HtmlPage(context, paths, loaded, analysis, report, profile, step);
                    step("writing the page");
                    written = OutputTarget.Write(context, output, writer => HtmlReportFormatter.Write(page, writer));
                    return;
                }
                step(formatter is SvgReportFormatter ? "drawing the graph with Graphviz" : "writing the report");
                written = OutputTarget.Write(context, output, writer => formatter.Write(report, writer));
            });
        }
        catch (GraphvizException e)
        {
            context.Error.WriteLine($"policylint: Graphviz could not draw the graph: {e.Message}; '--format dot' prints its source");
            return ExitCodes.BadInput;
        }
        if (!written) return ExitCodes.BadInput;
        return AnalysisInput.ExitCode(loaded, ExitCodes.Success);
    }

    /// <summary>
    /// The HTML page's extra data: the rules behind each connection, the attack paths to the
    /// sensitive workloads (the configuration's list) and the lint findings, from
    /// the same Linter the lint command runs, with the configuration found for these paths (an
    /// unreadable configuration is reported and the defaults used).
    /// </summary>
    private static HtmlReport HtmlPage(CliContext context, IReadOnlyList<string> paths, LoadedCluster loaded,
        Analysis analysis, ReachabilityReport report, AnalysisProfile profile, Action<string> step)
    {
        step("finding the rules behind each connection");
        var explained = HtmlReport.Build(analysis, report, lint: null);
        step("linting");
        var configParse = ConfigLocator.Load(null, paths, context.WorkingDirectory);
        if (configParse.Config is null) context.Error.WriteLine($"{configParse.Error}; the report's lint findings use the default configuration");
        var config = configParse.Config ?? LintConfig.Default(context.WorkingDirectory);
        var lint = Linter.Lint(loaded.Cluster, loaded.Diagnostics, new LintOptions(config, context.WorkingDirectory, profile));
        step("finding attack paths");
        return explained with { Lint = lint, AttackPaths = HtmlAttackPaths.Find(analysis, report, config.Sensitive) };
    }
}
