using System.CommandLine;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli.Paths;

/// <summary>
/// `policylint paths FROM TO`: every shortest path of allowed connections between workloads,
/// from a workload or from <c>{internet}</c>, to a workload or a Service's backends. Exit 0 when
/// a path exists within --max-hops, 1 when none does, 2 for bad input (docs/paths.md).
/// </summary>
public static class PathsCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Argument<string>("FROM") { Description = "A workload (ns/name, ns/name[Kind], name), or {internet}: the workloads outside addresses reach directly." };
        var to = new Argument<string>("TO") { Description = "A workload, or a Service as ns/name[Service] (any of its backends)." };
        var paths = CommonOptions.Paths();
        var maxHops = new Option<int>("--max-hops") { Description = "Look no further than this many hops (default 6).", DefaultValueFactory = _ => PathsQuery.DefaultMaxHops };
        var port = GraphInput.PortOption();
        var protocol = GraphInput.ProtocolOption();
        var limit = new Option<int>("--limit") { Description = "List at most this many shortest paths (default 1000).", DefaultValueFactory = _ => PathsQuery.DefaultLimit };
        var format = CommonOptions.Format("Output format: text, json, md or dot.", PathsFormats.Names);
        var profile = CommonOptions.Profile();
        var verbose = CommonOptions.Verbose();
        var command = new Command("paths", "Every shortest path of allowed connections from a workload (or {internet}) to a workload or Service, with the rules that allow each hop.")
        {
            from, to, paths, maxHops, port, protocol, limit, format, profile, verbose,
        };
        command.SetAction(parse => Run(context, new PathsRequest(
            parse.GetValue(from)!, parse.GetValue(to)!, CommonOptions.PathsOrCurrentDirectory(parse.GetValue(paths)),
            parse.GetValue(maxHops), parse.GetValue(port), parse.GetValue(protocol), parse.GetValue(limit),
            parse.GetValue(format)!, parse.GetValue(profile)!, parse.GetValue(verbose))));
        return command;
    }

    private sealed record PathsRequest(
        string From, string To, IReadOnlyList<string> Paths, int MaxHops, int? Port, string? Protocol, int Limit,
        string Format, string Profile, bool Verbose);

    private static int Run(CliContext context, PathsRequest request)
    {
        if (!CommonOptions.TryParseProfile(context, request.Profile, out var profile)) return ExitCodes.BadInput;
        if (!GraphInput.TryFilter(context, request.Port, request.Protocol, out var filter)) return ExitCodes.BadInput;
        if (request.MaxHops < 1 || request.Limit < 1)
        {
            context.Error.WriteLine("policylint: --max-hops and --limit must be at least 1");
            return ExitCodes.BadInput;
        }
        var loaded = AnalysisInput.Load(context, request.Paths, profile, request.Verbose);
        var analysis = new Analysis(loaded.Cluster, profile);
        var fromInternet = request.From == InternetEntry.Name;
        WorkloadPeer? source = null;
        if (!fromInternet && !GraphInput.TryFindWorkload(context, analysis, request.From, out source)) return ExitCodes.BadInput;
        if (!TryFindTargets(context, analysis, request.To, out var toName, out var targets)) return ExitCodes.BadInput;
        if (source is not null && targets.Contains(source))
        {
            context.Error.WriteLine($"policylint: FROM {source.Id} is also the destination; a path needs two different workloads");
            return ExitCodes.BadInput;
        }
        var result = analysis.Paths(analysis.Graph(filter, withEntries: fromInternet), source, toName, targets, request.MaxHops, request.Limit);
        PathsFormats.Write(request.Format, context.Out, result);
        return AnalysisInput.ExitCode(loaded, result.Found ? ExitCodes.Success : ExitCodes.Findings);
    }

    /// <summary>A workload, or the backends of a Service (those with pods).</summary>
    private static bool TryFindTargets(CliContext context, Analysis analysis, string text, out string name, out IReadOnlyCollection<WorkloadPeer> targets)
    {
        name = text;
        targets = [];
        if (!ServiceLookup.NamesService(text))
        {
            var found = analysis.FindPeer(text, context.DefaultNamespace);
            if (found.Peer is WorkloadPeer { } split && analysis.PeersHolding(split) is { Length: > 1 } parts)
            {
                // every part of a split owner is a destination (docs/split-workloads.md)
                name = split.Id;
                targets = parts;
                return true;
            }
            if (!GraphInput.TryFindWorkload(context, analysis, text, out var workload)) return false;
            name = workload.Id;
            targets = [workload];
            return true;
        }
        var lookup = analysis.FindService(text, context.DefaultNamespace);
        if (lookup.Service is not { } service)
        {
            context.Error.WriteLine($"policylint: {lookup.Message(text)}");
            return false;
        }
        name = service.Id;
        targets = analysis.ServiceBackends(service);
        if (targets.Count > 0) return true;
        context.Error.WriteLine($"policylint: {service.Id} has no backend workloads with pods");
        return false;
    }
}
