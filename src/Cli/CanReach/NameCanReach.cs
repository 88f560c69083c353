using System.Net;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Json;
using PolicyLint.Cli.Output.Escaping;

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

    public static int Run(CliContext context, Analysis analysis, LoadedCluster loaded, Peer source, string text,
        int? port, Protocol? protocol, bool explain, bool json)
    {
        if (source is not WorkloadPeer client)
        {
            context.Error.WriteLine($"policylint: a DNS name is resolved in the source's namespace, so SRC must be a workload (got {source.Id})");
            return ExitCodes.BadInput;
        }
        var answer = analysis.CanReachName(client, text, port, protocol);
        if (answer.Verdict is not { } verdict)
        {
            context.Error.WriteLine($"policylint: {answer.Message(text)}");
            return ExitCodes.BadInput;
        }
        if (json) WriteJson(context.Out, client, verdict);
        else WriteText(context.Out, analysis.Cluster, client, answer, explain);
        return AnalysisInput.ExitCode(loaded, verdict.Status == DependencyStatus.Reachable ? ExitCodes.Success : ExitCodes.Findings);
    }

    private static void WriteText(TextWriter output, Cluster cluster, WorkloadPeer client, NameReachAnswer answer, bool explain)
    {
        using var terminal = new TerminalTextWriter(output);
        output = terminal;
        var verdict = answer.Verdict!;
        var dependency = verdict.Dependency;
        var yes = verdict.Status == DependencyStatus.Reachable ? "yes" : "no";
        var dns = dependency.Name.NeedsDns ? "by name, through the cluster DNS" : "by cluster IP, no DNS";
        output.WriteLine($"{yes}: {client.Id} => {TerminalText.Value(dependency.Declaration.Text)}: {TerminalText.Value(dependency.TargetText)} ({PortChoiceText(dependency.PortChoice)}; {dns}): {verdict.StatusText}");
        foreach (var reason in verdict.Reasons) output.WriteLine($"  {TerminalText.Value(reason)}");
        if (explain && !answer.Backends.IsEmpty) ServiceCanReachTextFormatter.Write(output, answer.Backends, explain: true, cluster);
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
        DependencyJson.WritePorts(json, dependency);
        json.WriteString("status", verdict.StatusText);
        json.WriteBoolean("reachable", verdict.Status == DependencyStatus.Reachable);
        DependencyJson.WriteReasons(json, verdict);
        json.WriteEndObject();
    });
}
