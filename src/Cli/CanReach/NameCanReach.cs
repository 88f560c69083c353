using System.Net;
using PolicyLint.Analyzer.Dependencies;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Commands;
using PolicyLint.Cli.Json;

namespace PolicyLint.Cli.CanReach;

/// <summary>
/// can-reach with a DNS name or URL as destination (<c>can-reach shop/web http://orders.shop:8080</c>):
/// the name is read the way a declared dependency is (docs/dependencies.md), in the source
/// workload's namespace, and answered the same way: every backend on the chosen port, and the
/// cluster DNS for the lookup. Exit 0 when reachable, 1 when blocked (or when the answer lies
/// outside the cluster or the Service has no backends), 2 when the name names no Service of the input.
/// </summary>
public static class NameCanReach
{
    /// <summary>A URL, or an address with a dot or a port that is not an IP address; <c>orders</c> alone stays a workload name.</summary>
    public static bool IsName(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal)) return true;
        if (text.Contains('/') || text.Contains('[') || !(text.Contains('.') || text.Contains(':'))) return false;
        return ServiceReference.Parse(text) is { } reference && !IPAddress.TryParse(reference.Host, out _);
    }

    public static int Run(CliContext context, ReachabilityEngine engine, LoadedCluster loaded, Peer source, string text,
        int? port, Protocol? protocol, bool explain, bool json)
    {
        if (source is not WorkloadPeer client)
        {
            context.Error.WriteLine($"policylint: a DNS name is resolved in the source's namespace, so SRC must be a workload (got {source.Id})");
            return ExitCodes.BadInput;
        }
        var cluster = engine.Cluster;
        var parsed = ServiceReference.Parse(text);
        var reference = parsed is null || port is null ? parsed : parsed with { Port = port };
        var namespaces = cluster.Namespaces.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var catalog = new ServiceCatalog(cluster);
        var name = reference is null ? null : ServiceName.Interpret(reference, client.Workload.Namespace, ServiceName.DefaultClusterDomain,
            namespaces.Contains, (ns, n) => catalog.Find(ns, n) is not null);
        if (reference is null || name is null)
        {
            context.Error.WriteLine($"policylint: '{text}' is not the name of a Service in the cluster (svc, svc.ns, svc.ns.svc, svc.ns.svc.cluster.local, optionally as a URL)");
            return ExitCodes.BadInput;
        }
        if (catalog.Find(name.Namespace, name.Service) is not { } service)
        {
            var suggestions = PeerLookup.Closest($"{name.Namespace}/{name.Service}", catalog.Services.Select(s => s.Id));
            CanReachCommand.ReportLookupFailure(context, text, new PeerLookupResult(null, $"'{text}' names Service {name}, which is not in the input", suggestions));
            return ExitCodes.BadInput;
        }
        var (ports, choice) = DependencyExtractor.ChoosePorts(service, reference, name);
        if (protocol is { } only) ports = [.. ports.Where(p => p.Protocol == only)];
        var dependency = new DeclaredDependency(client.Workload, new DependencyDeclaration("", "DST", text, SourceSpan.None), reference, name, service, ports, choice);
        var verdict = new DependencyCheck(engine, catalog).Check(dependency);
        if (verdict.Status == DependencyStatus.Unresolved)
        {
            context.Error.WriteLine($"policylint: {string.Join("; ", verdict.Reasons)}");
            return ExitCodes.BadInput;
        }
        if (json) WriteJson(context.Out, client, verdict);
        else WriteText(context.Out, engine, catalog, client, verdict, explain);
        return AnalysisInput.ExitCode(loaded, verdict.Status == DependencyStatus.Reachable ? ExitCodes.Success : ExitCodes.Findings);
    }

    private static void WriteText(TextWriter output, ReachabilityEngine engine, ServiceCatalog catalog, WorkloadPeer client, DependencyVerdict verdict, bool explain)
    {
        var dependency = verdict.Dependency;
        var answer = verdict.Status == DependencyStatus.Reachable ? "yes" : "no";
        var dns = dependency.Name.NeedsDns ? "by name, through the cluster DNS" : "by cluster IP, no DNS";
        output.WriteLine($"{answer}: {client.Id} => {dependency.Declaration.Text}: {dependency.TargetText} ({PortChoiceText(dependency.PortChoice)}; {dns}): {verdict.StatusText}");
        foreach (var reason in verdict.Reasons) output.WriteLine($"  {reason}");
        if (!explain || dependency.ToPodsDirectly || dependency.Service is not { Type: not ServiceType.ExternalName } service) return;
        var answers = dependency.Ports.Select(p => ServiceQuery.CanReach(engine, catalog, client, service, p)).ToList();
        ServiceCanReachTextFormatter.Write(output, answers, explain: true, engine.Cluster);
    }

    private static string PortChoiceText(PortChoice choice) => choice switch
    {
        PortChoice.Explicit => "port as written",
        PortChoice.Scheme => "the scheme's port",
        PortChoice.OnlyPort => "the Service's only port",
        _ => "no port named: every port",
    };

    private static void WriteJson(TextWriter output, WorkloadPeer client, DependencyVerdict verdict) => JsonOutput.Write(output, json =>
    {
        var dependency = verdict.Dependency;
        json.WriteStartObject();
        json.WriteString("src", client.Id);
        json.WriteString("dst", dependency.Declaration.Text);
        json.WriteString("namespace", dependency.Name.Namespace);
        json.WriteString("service", dependency.Name.Service);
        json.WriteBoolean("needsDns", dependency.Name.NeedsDns);
        json.WriteString("portChoice", dependency.PortChoice.ToString());
        Report.DependencyReportSections.WritePorts(json, dependency);
        json.WriteString("status", verdict.StatusText);
        json.WriteBoolean("reachable", verdict.Status == DependencyStatus.Reachable);
        Report.DependencyReportSections.WriteReasons(json, verdict);
        json.WriteEndObject();
    });
}
