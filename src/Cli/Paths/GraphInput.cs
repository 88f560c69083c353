using System.CommandLine;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Paths;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli.Paths;

/// <summary>
/// The workload graph for `paths` and `blast-radius`: the engine's matrix, narrowed by
/// --port/--protocol, with the exposure view's entry points when the internet is asked about.
/// </summary>
public static class GraphInput
{
    public static WorkloadGraph Build(ReachabilityEngine engine, HopFilter filter, bool withEntries) =>
        WorkloadGraph.Build(
            engine.Peers,
            engine.ComputeMatrix().Pairs(),
            withEntries ? ExposureQuery.Run(engine) : [],
            filter);

    /// <summary>--port, as `paths` and `blast-radius` spell it: it narrows every hop.</summary>
    public static Option<int?> PortOption() => new("--port", "-p") { Description = "Only hops that allow this port (1-65535)." };

    /// <summary>--protocol, as `paths` and `blast-radius` spell it.</summary>
    public static Option<string?> ProtocolOption()
    {
        var protocol = new Option<string?>("--protocol") { Description = "TCP (default with --port), UDP or SCTP: only hops that allow it." };
        protocol.AcceptOnlyFromAmong("TCP", "UDP", "SCTP");
        return protocol;
    }

    /// <summary>A --port/--protocol pair checked like can-reach's: false (with a message) for a port out of range.</summary>
    public static bool TryFilter(CliContext context, int? port, string? protocol, out HopFilter filter)
    {
        filter = new HopFilter(protocol is { } p && Protocols.TryParse(p, out var parsed) ? parsed : null, port);
        if (port is not { } number || number is >= 1 and <= 65535) return true;
        context.Error.WriteLine($"policylint: --port {number} is not a port number (1-65535)");
        return false;
    }
}
