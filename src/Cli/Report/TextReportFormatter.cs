using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>
/// For people: the summary, then one block per workload grouped by namespace, with what it
/// may reach and what reaches it from outside the cluster, aligned in columns. A workload that
/// may reach every workload and address on every port gets one line instead of hundreds, which
/// keeps clusters without policies readable.
/// </summary>
public sealed class TextReportFormatter : IReportFormatter
{
    private const int MaxColumn = 64;

    public string Name => "text";

    public bool ShowsServices => true;

    public void Write(ReachabilityReport report, TextWriter output)
    {
        using var terminal = new TerminalTextWriter(output);
        output = terminal;
        output.WriteLine($"PolicyLint reachability report (profile: {report.ProfileName})");
        output.WriteLine(report.SummaryLine);
        // each workload's outside ranges with the same connections as one line, under either profile
        var connections = report.Connectivity.Merged;
        var outgoing = connections.ToLookup(c => c.Source.Id, StringComparer.Ordinal);
        var incomingFromOutside = connections.Where(c => c.Source is not WorkloadPeer)
            .ToLookup(c => c.Destination.Id, StringComparer.Ordinal);
        var otherWorkloads = report.Isolation.Length - 1;
        var column = Math.Min(MaxColumn, Widest(report.Connectivity) + 2);

        foreach (var group in report.Isolation
                     .Where(i => !report.Focused || outgoing.Contains(i.Workload.Id) || incomingFromOutside.Contains(i.Workload.Id))
                     .GroupBy(i => i.Workload.Workload.Namespace, StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine();
            output.WriteLine($"namespace {group.Key}");
            foreach (var isolation in group.OrderBy(i => i.Workload.Id, StringComparer.Ordinal))
            {
                var id = isolation.Workload.Id;
                output.WriteLine($"  {Local(isolation.Workload)}  ({Isolation(isolation)})");
                WriteOutgoing(output, [.. outgoing[id]], otherWorkloads, column);
                foreach (var c in incomingFromOutside[id])
                {
                    output.WriteLine($"    <- {Pad(c.Source.Id, column)}{c.Connections}");
                }
            }
        }

        TextReportSections.WriteServices(report, output);
        TextReportSections.WriteExposure(report, output);
        AttackSurfaceSections.WriteText(report, output);
        DependencyReportSections.WriteText(report, output);

        if (!report.Connectivity.Notes.IsDefaultOrEmpty)
        {
            output.WriteLine();
            output.WriteLine("notes:");
            foreach (var note in report.Connectivity.Notes) output.WriteLine($"  - {note.Message}");
        }
    }

    /// <summary>
    /// The widest peer of any connection, the outside ones counted range by range as the engine
    /// cuts them (each by its widest part), so the columns stay as they are when ranges are merged
    /// (the merged lines below may overflow).
    /// </summary>
    private static int Widest(ConnectivityReport connectivity)
    {
        var widest = 0;
        foreach (var c in connectivity.Inside) widest = Math.Max(widest, Math.Max(c.Source.Id.Length, c.Destination.Id.Length));
        var widths = new Dictionary<ExternalPeer, int>(ReferenceEqualityComparer.Instance);
        foreach (var group in connectivity.Outside)
        {
            widest = Math.Max(widest, group.Workload.Id.Length);
            foreach (var range in group.Ranges)
            {
                if (!widths.TryGetValue(range, out var width)) widths[range] = width = Width(range);
                widest = Math.Max(widest, width);
            }
        }
        return widest;
    }

    private static int Width(ExternalPeer outside) =>
        outside.Addresses.Ranges.Max(r => IpSet.Of(r).ToCompactString().Length) + ExternalPeer.Suffix.Length;

    private static void WriteOutgoing(TextWriter output, List<PeerConnection> lines, int otherWorkloads, int column)
    {
        if (lines.All(c => c.Connections.IsAll)
            && lines.Count(c => c.Destination is WorkloadPeer) == otherWorkloads
            && lines.Any(c => c.Destination is ExternalPeer e && e.Addresses.Equals(IpSet.AllV4)))
        {
            output.WriteLine($"    -> {Pad("every workload and outside address", column)}{lines[0].Connections}");
            return;
        }
        if (lines.Count == 0) output.WriteLine("    -> (nothing)");
        foreach (var c in lines) output.WriteLine($"    -> {Pad(c.Destination.Id, column)}{c.Connections}");
    }

    /// <summary>Left-aligned in the column, and always at least two spaces before the connections.</summary>
    private static string Pad(string id, int column) => id.PadRight(column - 2) + "  ";

    /// <summary>The name within the namespace; a part of a split owner (docs/split-workloads.md) also names its owner.</summary>
    private static string Local(WorkloadPeer workload)
    {
        var owner = $"{workload.Workload.Name}[{workload.Workload.Kind}]";
        return workload.IsPart ? $"{workload.Id[(workload.Workload.Namespace.Length + 1)..]} of {owner}" : owner;
    }

    private static string Isolation(WorkloadIsolation isolation) =>
        (isolation.IngressIsolated, isolation.EgressIsolated) switch
        {
            (true, true) => "isolated for ingress and egress",
            (true, false) => "isolated for ingress; egress open",
            (false, true) => "ingress open; isolated for egress",
            _ => "not isolated",
        };
}
