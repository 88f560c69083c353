using System.Collections.Immutable;
using System.CommandLine;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Report;

namespace PolicyLint.Cli.Commands;

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
        if (!CommonOptions.TryParseProfile(profileName, out var profile))
        {
            context.Error.WriteLine($"policylint: unknown profile '{profileName}' (expected default or netpol-analyzer)");
            return ExitCodes.BadInput;
        }
        if (formatter is SvgReportFormatter && !Graphviz.IsAvailable)
        {
            context.Error.WriteLine($"policylint: {Graphviz.MissingMessage}");
            return ExitCodes.BadInput;
        }
        var loaded = AnalysisInput.Load(context, paths, verbose);
        var engine = ReachabilityEngine.Build(loaded.Cluster, profile);
        if (!TryResolveFocus(context, engine, focus, out var focusIds)) return ExitCodes.BadInput;
        var report = ReachabilityReport.Build(engine, focusIds, formatter.ShowsServices);
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

    private static bool TryResolveFocus(CliContext context, ReachabilityEngine engine, string? focus, out ImmutableArray<string> ids)
    {
        ids = [];
        if (string.IsNullOrWhiteSpace(focus)) return true;
        var resolved = ImmutableArray.CreateBuilder<string>();
        foreach (var name in focus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lookup = PeerLookup.Find(engine, name, context.DefaultNamespace);
            if (lookup.Peer is not WorkloadPeer workload)
            {
                CanReachCommand.ReportLookupFailure(context, name, lookup);
                return false;
            }
            resolved.Add(workload.Id);
        }
        ids = resolved.ToImmutable();
        return true;
    }
}
