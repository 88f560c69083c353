using System.CommandLine;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli.CanReach;

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
            Description = "Destination: ns/name, ns/name[Kind], name, an IP address, a Service as ns/name[Service] (--port is then a Service port), " +
                "or a Service's DNS name or URL (orders.shop, http://orders.shop:8080), resolved in SRC's namespace.",
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
        var readAll = new Option<bool>("--read-all")
        {
            Description = "Parse every object of the input. Without it, a question about two workloads skips the workloads, ConfigMaps " +
                "and ServiceAccounts of other namespaces unread (same answer; those objects are then not validated).",
        };
        var command = new Command("can-reach", "Can SRC open a connection to DST? Prints the allowed connections, or yes/no for --port.")
        {
            source, destination, paths, port, protocol, explain, format, profile, verbose, anyPod, readAll,
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
            parse.GetValue(verbose),
            parse.GetValue(readAll))));
        return command;
    }

    private sealed record CanReachRequest(
        string Source, string? Destination, IReadOnlyList<string> Paths, int? Port, Protocol? Protocol,
        bool Explain, bool Json, string Profile, bool Verbose, bool ReadAll);

    private static int Run(CliContext context, CanReachRequest request)
    {
        if (!CommonOptions.TryParseProfile(context, request.Profile, out var profile)) return ExitCodes.BadInput;
        if (!CommonOptions.CheckPort(context, request.Port)) return ExitCodes.BadInput;
        if (request.Destination is null)
        {
            context.Error.WriteLine("policylint: can-reach needs SRC and DST (or --any-pod SELECTORS DST)");
            return ExitCodes.BadInput;
        }
        var (loaded, analysis) = PairInput.Load(context, request.Paths, profile, request.Verbose, request.Source, request.Destination, request.ReadAll);
        if (NameCanReach.IsName(request.Destination))
        {
            return TryFind(context, analysis, request.Source, out var client)
                ? NameCanReach.Run(context, analysis, loaded, client, request.Destination, request.Port, request.Protocol, request.Explain, request.Json)
                : ExitCodes.BadInput;
        }
        if (ServiceLookup.NamesService(request.Destination))
        {
            return TryFind(context, analysis, request.Source, out var client)
                ? AnswerForService(context, analysis, loaded, client, request)
                : ExitCodes.BadInput;
        }
        if (!TryFind(context, analysis, request.Source, out var source) || !TryFind(context, analysis, request.Destination, out var destination))
        {
            return ExitCodes.BadInput;
        }
        if (destination is IngressControllerPeer || (source is not WorkloadPeer && destination is not WorkloadPeer))
        {
            context.Error.WriteLine("policylint: one end must be a workload, and the ingress controller can only be a source");
            return ExitCodes.BadInput;
        }
        var result = analysis.CanReach(source, destination, request.Protocol, request.Port);
        if (request.Json) CanReachJsonFormatter.Write(context.Out, result, request.Protocol, request.Port);
        else CanReachTextFormatter.Write(context.Out, result, request.Protocol, request.Port, request.Explain, analysis.Cluster);
        return AnalysisInput.ExitCode(loaded, result.Reachable ? ExitCodes.Success : ExitCodes.Findings);
    }

    /// <summary>
    /// A Service destination: each asked Service port (--port, else every port; --protocol
    /// narrows) is answered backend by backend. Exit 0 when some asked port has at least one
    /// backend that accepts: the Service then answers the client, from some replica.
    /// </summary>
    private static int AnswerForService(CliContext context, Analysis analysis, LoadedCluster loaded, Peer source, CanReachRequest request)
    {
        var lookup = analysis.FindService(request.Destination!, context.DefaultNamespace);
        if (lookup.Service is not { } service)
        {
            context.Error.WriteLine($"policylint: {lookup.Message(request.Destination!)}");
            return ExitCodes.BadInput;
        }
        var ports = ServiceLookup.Ports(service, request.Protocol, request.Port);
        if (ports.IsEmpty)
        {
            var known = string.Join(", ", service.Ports.Select(p => $"{p.Port}/{p.Protocol}"));
            context.Error.WriteLine($"policylint: {service.Id} has no port {request.Port?.ToString() ?? ""}{(request.Protocol is { } p ? $"/{p}" : "")} (it has {(known.Length == 0 ? "none" : known)})");
            return ExitCodes.BadInput;
        }
        var answers = ports.Select(p => analysis.CanReachService(source, service, p)).ToList();
        if (request.Json) ServiceCanReachJsonFormatter.Write(context.Out, source.Id, service.Id, answers);
        else ServiceCanReachTextFormatter.Write(context.Out, answers, request.Explain, analysis.Cluster);
        return AnalysisInput.ExitCode(loaded, answers.Any(a => a.Reachable) ? ExitCodes.Success : ExitCodes.Findings);
    }

    private static bool TryFind(CliContext context, Analysis analysis, string text, out Peer peer)
    {
        var lookup = analysis.FindPeer(text, context.DefaultNamespace);
        peer = lookup.Peer!;
        if (lookup.Found) return true;
        context.Error.WriteLine($"policylint: {lookup.Message(text)}");
        return false;
    }
}
