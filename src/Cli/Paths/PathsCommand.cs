using System.CommandLine;
using PolicyLint.Analyzer.Paths;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Commands;

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
        if (!CommonOptions.TryParseProfile(request.Profile, out var profile))
        {
            context.Error.WriteLine($"policylint: unknown profile '{request.Profile}' (expected default or netpol-analyzer)");
            return ExitCodes.BadInput;
        }
        if (!GraphInput.TryFilter(context, request.Port, request.Protocol, out var filter)) return ExitCodes.BadInput;
        if (request.MaxHops < 1 || request.Limit < 1)
        {
            context.Error.WriteLine("policylint: --max-hops and --limit must be at least 1");
            return ExitCodes.BadInput;
        }
        var loaded = AnalysisInput.Load(context, request.Paths, request.Verbose);
        var engine = ReachabilityEngine.Build(loaded.Cluster, profile);
        var fromInternet = request.From == InternetEntry.Name;
        WorkloadPeer? source = null;
        if (!fromInternet && !TryFindWorkload(context, engine, request.From, out source)) return ExitCodes.BadInput;
        if (!TryFindTargets(context, engine, request.To, out var toName, out var targets)) return ExitCodes.BadInput;
        if (source is not null && targets.Contains(source))
        {
            context.Error.WriteLine($"policylint: FROM {source.Id} is also the destination; a path needs two different workloads");
            return ExitCodes.BadInput;
        }
        var graph = GraphInput.Build(engine, filter, withEntries: fromInternet);
        var result = source is null
            ? PathsQuery.FromInternet(engine, graph, toName, targets, request.MaxHops, request.Limit)
            : PathsQuery.FromWorkload(engine, graph, source, toName, targets, request.MaxHops, request.Limit);
        PathsFormats.Write(request.Format, context.Out, result);
        return AnalysisInput.ExitCode(loaded, result.Found ? ExitCodes.Success : ExitCodes.Findings);
    }

    public static bool TryFindWorkload(CliContext context, ReachabilityEngine engine, string text, out WorkloadPeer workload)
    {
        var lookup = PeerLookup.Find(engine, text);
        workload = (lookup.Peer as WorkloadPeer)!;
        if (workload is not null) return true;
        if (lookup.Found) context.Error.WriteLine($"policylint: '{text}' is not a workload; paths run between workloads (outside addresses are not hops)");
        else CanReachCommand.ReportLookupFailure(context, text, lookup);
        return false;
    }

    /// <summary>A workload, or the backends of a Service (those with pods).</summary>
    private static bool TryFindTargets(CliContext context, ReachabilityEngine engine, string text, out string name, out IReadOnlyCollection<WorkloadPeer> targets)
    {
        name = text;
        targets = [];
        if (!ServiceLookup.NamesService(text))
        {
            if (!TryFindWorkload(context, engine, text, out var workload)) return false;
            name = workload.Id;
            targets = [workload];
            return true;
        }
        var catalog = new ServiceCatalog(engine.Cluster);
        var lookup = ServiceLookup.Find(catalog, text);
        if (lookup.Service is not { } service)
        {
            CanReachCommand.ReportLookupFailure(context, text, new PeerLookupResult(null, lookup.Problem, lookup.Suggestions));
            return false;
        }
        name = service.Id;
        targets = [.. service.Ports.SelectMany(p => catalog.Targets(service, p)).Select(t => engine.FindPeer(t.Workload.Id)).OfType<WorkloadPeer>().Distinct()];
        if (targets.Count > 0) return true;
        context.Error.WriteLine($"policylint: {service.Id} has no backend workloads with pods");
        return false;
    }
}
