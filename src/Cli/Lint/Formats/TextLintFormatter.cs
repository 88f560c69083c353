using System.Text;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Cli.Output.Escaping;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Lint.Formats;

/// <summary>
/// The people format: findings grouped by file, each with its position, severity, message
/// and rule id, then the offending line with a caret under the column; a summary line last.
/// ANSI colour only when the report allows it (a terminal); suppressed findings only with
/// --verbose.
/// </summary>
public sealed class TextLintFormatter : ILintFormatter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Blue = "\u001b[34m";

    public void Write(LintReport report, TextWriter output)
    {
        var shown = report.Result.Findings.Where(f => report.Verbose || !f.IsSuppressed).ToList();
        foreach (var file in shown.GroupBy(f => f.Span.File))
        {
            output.WriteLine(Paint(report, Bold, file.Key.Length == 0 ? "(no file)" : TerminalText.Line(file.Key)));
            foreach (var finding in file) WriteFinding(report, finding, output);
            output.WriteLine();
        }
        output.WriteLine(Summary(report));
    }

    private static void WriteFinding(LintReport report, Finding finding, TextWriter output)
    {
        var position = finding.Span.IsKnown ? $"{finding.Span.Line}:{finding.Span.Column}" : "-";
        var severity = finding.IsSuppressed ? "suppressed" : finding.Severity.ToId();
        var colour = finding.IsSuppressed ? Dim : SeverityColour(finding.Severity);
        output.WriteLine($"  {position,-7} {Paint(report, colour, severity.PadRight(10))} {TerminalText.Value(finding.Message)}  {Paint(report, Dim, finding.RuleId)}");
        if (finding.Suppression is { } suppression)
        {
            output.WriteLine($"                     {Paint(report, Dim, "suppressed by annotation" + (suppression.Reason is null ? "" : $": {TerminalText.Value(suppression.Reason)}"))}");
        }
        if (report.Sources.Line(finding.Span.File, finding.Span.Line) is { } line)
        {
            var number = finding.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            output.WriteLine($"  {Paint(report, Dim, $"{number} |")} {TerminalText.SourceLine(line.TrimEnd())}");
            output.WriteLine($"  {Paint(report, Dim, $"{new string(' ', number.Length)} |")} {CaretPrefix(line, finding.Span.Column)}{Paint(report, colour, "^")}");
        }
    }

    /// <summary>Spaces up to the column (as the line is shown, escapes included), keeping tabs so the caret lines up under the text.</summary>
    private static string CaretPrefix(string line, int column)
    {
        var shown = TerminalText.SourceLine(line[..Math.Clamp(column - 1, 0, line.Length)]);
        var prefix = new StringBuilder();
        foreach (var c in shown) prefix.Append(c == '\t' ? '\t' : ' ');
        return prefix.ToString();
    }

    private static string Summary(LintReport report)
    {
        var result = report.Result;
        var errors = result.Count(Severity.Error);
        var warnings = result.Count(Severity.Warning);
        var infos = result.Count(Severity.Info);
        var total = errors + warnings + infos;
        var suppressed = result.SuppressedCount == 0 ? "" : $", {result.SuppressedCount} suppressed";
        var files = $"{report.Files.Length} {Plural(report.Files.Length, "file")}";
        suppressed += result.UnfinishedChecks == 0 ? "" : $", {result.UnfinishedChecks} {Plural(result.UnfinishedChecks, "check")} unfinished (raise --solver-budget)";
        if (total == 0) return Paint(report, Bold, $"No problems found in {files}{suppressed}.");
        var counts = $"{total} {Plural(total, "problem")} ({errors} {Plural(errors, "error")}, {warnings} {Plural(warnings, "warning")}, {infos} info) in {files}{suppressed}";
        var colour = errors > 0 ? Red : warnings > 0 ? Yellow : Blue;
        return Paint(report, Bold + colour, counts);
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private static string SeverityColour(Severity severity) => severity switch
    {
        Severity.Error => Red,
        Severity.Warning => Yellow,
        _ => Blue,
    };

    private static string Paint(LintReport report, string colour, string text) =>
        report.Colour ? colour + text + Reset : text;
}
