using System.CommandLine;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.CanReach;

namespace PolicyLint.Cli.Commands;

/// <summary>`policylint can-reach SRC DST`: exit 0 when reachable, 1 when not, 2 for bad input.</summary>
public static class CanReachCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("SRC")
        {
            Description = "Source: ns/name, ns/name[Kind], name (namespace default), an IP address, or {ingress-controller}.",
        };
        var destination = new Argument<string?>("DST")
        {
            Description = "Destination: ns/name, ns/name[Kind], name, or an IP address.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var anyPod = new Option<string?>("--any-pod")
        {
            Description = "Instead of SRC: 'NS-SELECTOR;POD-SELECTOR' (kubectl syntax, either may be empty). Could some pod that " +
                "could exist there reach DST? Then the arguments are DST [PATH...].",
        };
        var paths = CommonOptions.Paths();
        var port = new Option<int?>("--port", "-p") { Description = "Ask about this port only (1-65535)." };
        var protocol = new Option<string?>("--protocol") { Description = "TCP (default with --port), UDP or SCTP." };
        protocol.AcceptOnlyFromAmong("TCP", "UDP", "SCTP");
        var explain = new Option<bool>("--explain", "-e") { Description = "Say which policies and rules decide, with file and line." };
        var format = CommonOptions.Format("Output format: text or json.", "text", "json");
        var profile = CommonOptions.Profile();
        var verbose = CommonOptions.Verbose();
        var command = new Command("can-reach", "Can SRC open a connection to DST? Prints the allowed connections, or yes/no for --port.")
        {
            source, destination, paths, port, protocol, explain, format, profile, verbose, anyPod,
        };
        command.SetAction(parse => parse.GetValue(anyPod) is { } selectors
            ? AnyPodCanReach.Run(context, selectors, parse.GetValue(source)!, parse.GetValue(destination), parse.GetValue(paths), parse.GetValue(port),
                parse.GetValue(protocol), parse.GetValue(format) == "json", parse.GetValue(profile)!, parse.GetValue(verbose))
            : Run(context, new CanReachRequest(
            parse.GetValue(source)!,
            parse.GetValue(destination),
            CommonOptions.PathsOrCurrentDirectory(parse.GetValue(paths)),
            parse.GetValue(port),
            parse.GetValue(protocol) is { } p && Protocols.TryParse(p, out var parsed) ? parsed : null,
            parse.GetValue(explain),
            parse.GetValue(format) == "json",
            parse.GetValue(profile)!,
            parse.GetValue(verbose))));
        return command;
    }

    private sealed record CanReachRequest(
        string Source, string? Destination, IReadOnlyList<string> Paths, int? Port, Protocol? Protocol,
        bool Explain, bool Json, string Profile, bool Verbose);

    private static int Run(CliContext context, CanReachRequest request)
    {
        if (!CommonOptions.TryParseProfile(request.Profile, out var profile))
        {
            context.Error.WriteLine($"policylint: unknown profile '{request.Profile}' (expected default or netpol-analyzer)");
            return ExitCodes.BadInput;
        }
        if (request.Port is { } p && (p < 1 || p > 65535))
        {
            context.Error.WriteLine($"policylint: --port {p} is not a port number (1-65535)");
            return ExitCodes.BadInput;
        }
        if (request.Destination is null)
        {
            context.Error.WriteLine("policylint: can-reach needs SRC and DST (or --any-pod SELECTORS DST)");
            return ExitCodes.BadInput;
        }
        var loaded = AnalysisInput.Load(context, request.Paths, request.Verbose);
        var engine = ReachabilityEngine.Build(loaded.Cluster, profile);
        if (!TryFind(context, engine, request.Source, out var source) || !TryFind(context, engine, request.Destination, out var destination))
        {
            return ExitCodes.BadInput;
        }
        if (destination is IngressControllerPeer || (source is not WorkloadPeer && destination is not WorkloadPeer))
        {
            context.Error.WriteLine("policylint: one end must be a workload, and the ingress controller can only be a source");
            return ExitCodes.BadInput;
        }
        var result = CanReachQuery.Run(engine, source, destination, request.Protocol, request.Port);
        if (request.Json) CanReachJsonFormatter.Write(context.Out, result, request.Protocol, request.Port);
        else CanReachTextFormatter.Write(context.Out, result, request.Protocol, request.Port, request.Explain, engine.Cluster);
        return AnalysisInput.ExitCode(loaded, result.Reachable ? ExitCodes.Success : ExitCodes.Findings);
    }

    private static bool TryFind(CliContext context, ReachabilityEngine engine, string text, out Peer peer)
    {
        var lookup = PeerLookup.Find(engine, text);
        peer = lookup.Peer!;
        if (lookup.Found) return true;
        ReportLookupFailure(context, text, lookup);
        return false;
    }

    public static void ReportLookupFailure(CliContext context, string text, PeerLookupResult lookup)
    {
        var hint = lookup.Suggestions.IsDefaultOrEmpty ? "" : $"; did you mean {string.Join(", ", lookup.Suggestions)}?";
        context.Error.WriteLine($"policylint: {lookup.Problem ?? $"'{text}' not found"}{hint}");
    }
}
