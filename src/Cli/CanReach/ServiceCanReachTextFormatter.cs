using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.CanReach;

/// <summary>
/// can-reach with a Service destination, in words: per Service port a yes/no line saying how
/// many backends accept, then each backend that accepts or refuses on which target port; with
/// --explain, each backend's reasoning as for a workload destination.
/// </summary>
public static class ServiceCanReachTextFormatter
{
    public static void Write(TextWriter output, IReadOnlyList<ServiceAccess> answers, bool explain, Cluster cluster)
    {
        using var terminal = new TerminalTextWriter(output);
        output = terminal;
        foreach (var access in answers)
        {
            output.WriteLine(Answer(access));
            foreach (var backend in access.Backends)
            {
                var ports = backend.Target.Resolved ? $"{EntryPointText.Ports(backend.Target)}/{access.Port.Protocol}" : "(target port unresolved)";
                output.WriteLine($"  {(backend.Accepts ? "accepts" : "refuses")}: {backend.BackendId} on {ports}");
                if (!explain || backend.Explanation is not { } explanation) continue;
                var port = backend.Target.Resolved ? backend.Target.TargetPorts[0] : (int?)null;
                var result = new CanReachResult(access.Source, explanation.Destination, explanation.Allowed, backend.Accepts, explanation);
                using var indented = new StringWriter();
                CanReachTextFormatter.Write(indented, result, access.Port.Protocol, port, explain: true, cluster);
                foreach (var line in indented.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) output.WriteLine($"    {line}");
            }
        }
    }

    public static string Answer(ServiceAccess access)
    {
        var pair = $"{access.Source.Id} => {access.Service.Id} port {Report.TextReportSections.PortName(access.Port)}";
        var accepting = access.Backends.Count(b => b.Accepts);
        var total = access.Backends.Length;
        if (total == 0) return $"no: {pair}: the Service selects no workload";
        return access.Coverage switch
        {
            BackendCoverage.All => total == 1 ? $"yes: {pair}: its backend accepts" : $"yes: {pair}: all {total} backends accept",
            BackendCoverage.Some => $"yes: {pair}: {accepting} of {total} backends accept",
            _ => total == 1 ? $"no: {pair}: its backend refuses" : $"no: {pair}: none of its {total} backends accepts",
        };
    }
}
