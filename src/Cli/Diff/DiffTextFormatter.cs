using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Diff;

/// <summary>
/// The people format: the summary line, then one section per kind of change (empty sections
/// left out). Connections read like connlist lines, prefixed + (added), - (removed) or ~
/// (changed, with what was added and removed within the pair).
/// </summary>
public sealed class DiffTextFormatter : IDiffFormatter
{
    public string Name => "text";

    public void Write(ConnectivityDiff diff, TextWriter output)
    {
        using var terminal = new TerminalTextWriter(output);
        output = terminal;
        output.WriteLine($"{DiffText.Capitalised(diff.SummaryLine)} (profile: {diff.ProfileName})");
        DependencyDiffSections.WriteText(diff, output);
        WriteConnections(diff, output);
        WriteWorkloads(output, "Workloads added", '+', diff.WorkloadsAdded);
        WriteWorkloads(output, "Workloads removed", '-', diff.WorkloadsRemoved);
        WriteExposure(diff, output);
        WriteFindings(output, "Findings introduced", diff.FindingsIntroduced);
        WriteFindings(output, "Findings fixed", diff.FindingsFixed);
        if (DiffText.BeyondManifests(diff.BeyondManifests) is { } beyond)
        {
            output.WriteLine();
            output.WriteLine("Pods not in the manifests:");
            output.WriteLine($"  {beyond}");
        }
    }

    private static void WriteConnections(ConnectivityDiff diff, TextWriter output)
    {
        foreach (var kind in Enum.GetValues<ConnectionChangeKind>())
        {
            var changes = diff.Connections.Where(c => c.Kind == kind).ToList();
            if (changes.Count == 0) continue;
            output.WriteLine();
            output.WriteLine($"Connections {DiffText.Verb(kind)}:");
            foreach (var change in changes)
            {
                var pair = $"{change.Source.Id} => {change.Destination.Id}";
                output.WriteLine(kind switch
                {
                    ConnectionChangeKind.Added => $"  + {pair} : {change.After}",
                    ConnectionChangeKind.Removed => $"  - {pair} : {change.Before}",
                    _ => $"  ~ {pair} : {change.Before} -> {change.After} ({DiffText.Within(change)})",
                });
            }
        }
    }

    private static void WriteExposure(ConnectivityDiff diff, TextWriter output)
    {
        foreach (var kind in Enum.GetValues<EntryPointChangeKind>())
        {
            var changes = diff.Exposure.Where(c => c.Kind == kind).ToList();
            if (changes.Count == 0) continue;
            output.WriteLine();
            output.WriteLine($"Entry points from outside {DiffText.Verb(kind)}:");
            foreach (var change in changes)
            {
                output.WriteLine(kind switch
                {
                    EntryPointChangeKind.Opened => $"  + {DiffText.EntryPoint(change)}: open to {DiffText.OpenTo(change.After)}",
                    EntryPointChangeKind.Closed => $"  - {DiffText.EntryPoint(change)}: was open to {DiffText.OpenTo(change.Before)}",
                    _ => $"  ~ {DiffText.EntryPoint(change)}: open to {DiffText.OpenTo(change.After)} (was open to {DiffText.OpenTo(change.Before)})",
                });
            }
        }
    }

    private static void WriteWorkloads(TextWriter output, string title, char sign, IReadOnlyList<Workload> workloads)
    {
        if (workloads.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"{title}:");
        foreach (var workload in workloads) output.WriteLine($"  {sign} {workload.Id}  {workload.Meta.Span}");
    }

    private static void WriteFindings(TextWriter output, string title, IReadOnlyList<Diagnostic> findings)
    {
        if (findings.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"{title}:");
        foreach (var finding in findings)
        {
            output.WriteLine($"  {finding.Span}: {finding.Severity.ToId()} {finding.RuleId}: {finding.Message}");
        }
    }
}
