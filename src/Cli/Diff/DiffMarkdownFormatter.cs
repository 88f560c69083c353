using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Diff;

/// <summary>
/// A pull-request comment: the summary line first, then a table per kind of change (empty ones
/// left out). A table longer than <see cref="LongList"/> rows is folded into a
/// <c>&lt;details&gt;</c> block so the comment stays short.
/// </summary>
public sealed class DiffMarkdownFormatter : IDiffFormatter
{
    public const int LongList = 10;

    public string Name => "md";

    public void Write(ConnectivityDiff diff, TextWriter output)
    {
        output.WriteLine($"**PolicyLint diff:** {diff.SummaryLine}.");
        DependencyDiffSections.WriteMarkdown(diff, output);
        if (DiffText.BeyondManifests(diff.BeyondManifests) is { } beyond)
        {
            output.WriteLine();
            output.WriteLine($"> **Pods not in the manifests:** {Escape(beyond)}");
        }
        foreach (var kind in Enum.GetValues<ConnectionChangeKind>())
        {
            var changes = diff.Connections.Where(c => c.Kind == kind).ToList();
            if (kind == ConnectionChangeKind.Changed)
            {
                WriteTable(output, $"Connections changed ({changes.Count})", ["Source", "Destination", "Before", "After", "Added", "Removed"],
                    changes.Select(c => new[] { Cell(c.Source.Id), Cell(c.Destination.Id), Set(c.Before), Set(c.After), Set(c.Added), Set(c.Removed) }));
            }
            else
            {
                WriteTable(output, $"Connections {DiffText.Verb(kind)} ({changes.Count})", ["Source", "Destination", "Connections"],
                    changes.Select(c => new[] { Cell(c.Source.Id), Cell(c.Destination.Id), Set(kind == ConnectionChangeKind.Added ? c.After : c.Before) }));
            }
        }
        var workloads = diff.WorkloadsAdded.Select(w => (Change: "added", Workload: w))
            .Concat(diff.WorkloadsRemoved.Select(w => (Change: "removed", Workload: w)));
        WriteTable(output, $"Workloads ({diff.WorkloadsAdded.Length} added, {diff.WorkloadsRemoved.Length} removed)", ["Change", "Workload", "Defined at"],
            workloads.Select(w => new[] { w.Change, Cell(w.Workload.Id), Cell(w.Workload.Meta.Span.ToString()) }));
        WriteTable(output, $"Entry points from outside ({diff.EntryPointsOpened} opened, {diff.EntryPointsClosed} closed, {diff.EntryPointsChanged} changed)",
            ["Change", "Entry point", "Object", "Port", "Via", "Open to before", "Open to now"],
            diff.Exposure.Select(e => new[]
            {
                DiffText.Verb(e.Kind), e.Entry.Kind.ToString(), Cell(e.Entry.Object.ToString()), Cell(e.Entry.PortText), Escape(e.Entry.Via),
                Escape(DiffText.OpenTo(e.Before)), Escape(DiffText.OpenTo(e.After)),
            }));
        WriteFindings(output, $"Findings introduced ({diff.FindingsIntroduced.Length})", diff.FindingsIntroduced);
        WriteFindings(output, $"Findings fixed ({diff.FindingsFixed.Length})", diff.FindingsFixed);
        output.WriteLine();
        output.WriteLine($"<sub>Profile: `{diff.ProfileName}`. Connections are compared between workloads by name and with the outside by address.</sub>");
    }

    private static void WriteFindings(TextWriter output, string title, IReadOnlyList<Diagnostic> findings) =>
        WriteTable(output, title, ["Severity", "Rule", "Message", "Location"],
            findings.Select(f => new[] { f.Severity.ToId(), Cell(f.RuleId), Escape(f.Message), Cell(f.Span.ToString()) }));

    private static void WriteTable(TextWriter output, string title, string[] headers, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine();
        var folded = list.Count > LongList;
        if (folded)
        {
            output.WriteLine($"<details><summary>Show {list.Count} rows</summary>");
            output.WriteLine();
        }
        output.WriteLine($"| {string.Join(" | ", headers)} |");
        output.WriteLine($"|{string.Concat(headers.Select(_ => "---|"))}");
        foreach (var row in list) output.WriteLine($"| {string.Join(" | ", row)} |");
        if (folded)
        {
            output.WriteLine();
            output.WriteLine("</details>");
        }
    }

    private static string Cell(string text) => MarkdownText.Code(text);

    private static string Set(ConnectionSet set) => set.IsEmpty ? "–" : Cell(set.ToString());

    /// <summary>Free text in a cell or quote (see <see cref="MarkdownText.Text"/>).</summary>
    private static string Escape(string text) => MarkdownText.Text(text);
}
