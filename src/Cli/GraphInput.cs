using System.CommandLine;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli;

/// <summary>
/// What `paths` and `blast-radius` share: --port/--protocol narrowing every hop, and finding the
/// workloads they start from and go to (docs/paths.md).
/// </summary>
public static class GraphInput
{
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
        return CommonOptions.CheckPort(context, port);
    }

    /// <summary>A workload named on the command line; false, with the message on stderr, for anything else.</summary>
    public static bool TryFindWorkload(CliContext context, Analysis analysis, string text, out WorkloadPeer workload)
    {
        var lookup = analysis.FindPeer(text, context.DefaultNamespace);
        workload = (lookup.Peer as WorkloadPeer)!;
        if (workload is not null)
        {
            var held = analysis.PeersHolding(workload);
            if (held.Length == 1)
            {
                workload = held[0];
                return true;
            }
            context.Error.WriteLine($"policylint: the pods of {workload.Id} differ (docs/split-workloads.md); name one of its parts: {string.Join(", ", held.Select(p => p.Id))}");
            return false;
        }
        if (lookup.Found) context.Error.WriteLine($"policylint: '{text}' is not a workload; paths run between workloads (outside addresses are not hops)");
        else context.Error.WriteLine($"policylint: {lookup.Message(text)}");
        return false;
    }
}
