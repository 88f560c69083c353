using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The text report's Service view and its "exposed to the outside" section: one block per
/// Service port (backends with their target ports, then who may reach it and whether all or
/// only some backends accept), and one block per entry point, most open first, with the
/// closed ones listed after.
/// </summary>
public static class TextReportSections
{
    public static void WriteServices(ReachabilityReport report, TextWriter output)
    {
        if (report.Services.IsDefaultOrEmpty) return;
        output.WriteLine();
        output.WriteLine("services");
        foreach (var view in report.Services)
        {
            output.WriteLine($"  {view.Service.Id} {PortName(view.Port)}  (targetPort {view.Port.TargetPort})");
            foreach (var backend in view.Backends)
            {
                var ports = backend.Resolved ? $"{EntryPointText.Ports(backend)}/{view.Port.Protocol}" : "target port unresolved";
                output.WriteLine($"    backend {backend.Id} on {ports}");
            }
            var lines = ServiceClients.Lines(view);
            if (lines.Count == 0) output.WriteLine("    <- (nothing)");
            foreach (var line in lines) output.WriteLine($"    <- {line.Source}  {ServiceClients.CoverageText(line)}");
        }
    }

    public static void WriteExposure(ReachabilityReport report, TextWriter output)
    {
        if (report.EntryPoints.IsDefaultOrEmpty) return;
        output.WriteLine();
        output.WriteLine("exposed to the outside (most open first)");
        var exposed = report.Exposed.ToList();
        if (exposed.Count == 0) output.WriteLine("  (nothing)");
        foreach (var entry in exposed)
        {
            output.WriteLine($"  {Title(entry)}");
            output.WriteLine($"    open to {EntryPointText.Sources(entry)}");
            output.WriteLine($"    reaches {EntryPointText.AcceptingBackends(entry)}");
            var refusing = entry.Backends.Where(b => !b.Accepts).Select(b => b.Target.Id).ToList();
            if (refusing.Count > 0) output.WriteLine($"    refused by {string.Join(", ", refusing)}");
            output.WriteLine($"    {entry.Object} ({entry.Span})");
        }
        var closed = report.EntryPoints.Where(e => !e.IsExposed).ToList();
        if (closed.Count == 0) return;
        output.WriteLine("  not exposed:");
        foreach (var entry in closed)
        {
            var why = entry.Backends.IsEmpty ? "no backends" : "no backend accepts outside traffic";
            output.WriteLine($"    {Title(entry)}: {why}");
        }
    }

    /// <summary><c>NodePort 30080/TCP on every node (Service edge/web port 80)</c> and the like.</summary>
    public static string Title(EntryPoint entry) => EntryPointText.Title(entry);

    public static string PortName(ServicePort port) => EntryPointText.PortName(port);
}
