using System.CommandLine;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.BlastRadius;

/// <summary>
/// `policylint blast-radius WORKLOAD`: every workload reachable within 1..K hops of allowed
/// connections, by hop count and namespace (docs/paths.md). Exit 0, or 2 for bad input.
/// </summary>
public static class BlastRadiusCommand
{
    public static Command Create(CliContext context)
    {
        var workload = new Argument<string>("WORKLOAD") { Description = "The workload assumed compromised: ns/name, ns/name[Kind] or name." };
        var paths = CommonOptions.Paths();
        var hops = new Option<int>("--hops", "-k") { Description = "How many hops to follow (default 2).", DefaultValueFactory = _ => BlastRadiusQuery.DefaultHops };
        var port = GraphInput.PortOption();
        var protocol = GraphInput.ProtocolOption();
        var format = CommonOptions.Format("Output format: text, json, md or dot.", BlastRadiusFormats.Names);
        var profile = CommonOptions.Profile();
        var verbose = CommonOptions.Verbose();
        var command = new Command("blast-radius", "What a compromised workload can reach within K hops of allowed connections, by hop count and namespace.")
        {
            workload, paths, hops, port, protocol, format, profile, verbose,
        };
        command.SetAction(parse => Run(context, parse.GetValue(workload)!, CommonOptions.PathsOrCurrentDirectory(parse.GetValue(paths)),
            parse.GetValue(hops), parse.GetValue(port), parse.GetValue(protocol), parse.GetValue(format)!, parse.GetValue(profile)!, parse.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, string workload, IReadOnlyList<string> paths, int hops, int? port, string? protocol,
        string format, string profileName, bool verbose)
    {
        if (!CommonOptions.TryParseProfile(context, profileName, out var profile)) return ExitCodes.BadInput;
        if (!GraphInput.TryFilter(context, port, protocol, out var filter)) return ExitCodes.BadInput;
        if (hops < 1)
        {
            context.Error.WriteLine("policylint: --hops must be at least 1");
            return ExitCodes.BadInput;
        }
        var loaded = AnalysisInput.Load(context, paths, profile, verbose);
        var analysis = new Analysis(loaded.Cluster, profile);
        if (!GraphInput.TryFindWorkload(context, analysis, workload, out var source)) return ExitCodes.BadInput;
        var radius = analysis.BlastRadius(source, filter, hops);
        BlastRadiusFormats.Write(format, context.Out, radius);
        return AnalysisInput.ExitCode(loaded, ExitCodes.Success);
    }
}
