using System.Text.Json;
using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Json;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The report's "dependencies" section in text, Markdown and JSON: each workload's declared
/// dependencies (docs/dependencies.md) with where they are declared, their status and why.
/// Text and Markdown leave the section out when there is none; JSON always has the array. The
/// declarations quote values from the input (an env value, an annotation): text escapes them as
/// terminal values, Markdown as code spans and escaped text (docs/security.md).
/// </summary>
public static class DependencyReportSections
{
    public static void WriteText(ReachabilityReport report, TextWriter output)
    {
        if (report.Dependencies.IsDefaultOrEmpty) return;
        output.WriteLine();
        output.WriteLine("dependencies (declared in the manifests)");
        foreach (var client in report.Dependencies.GroupBy(d => d.Dependency.Client.Id, StringComparer.Ordinal))
        {
            output.WriteLine($"  {client.Key}");
            foreach (var verdict in client)
            {
                var dependency = verdict.Dependency;
                output.WriteLine($"    -> {TerminalText.Value(dependency.TargetText)}  {verdict.StatusText}");
                output.WriteLine($"       {TerminalText.Value(verdict.Dependency.Declaration.Located)}");
                foreach (var reason in verdict.Reasons) output.WriteLine($"       {TerminalText.Value(reason)}");
            }
        }
    }

    public static void WriteMarkdown(ReachabilityReport report, TextWriter output)
    {
        if (report.Dependencies.IsDefaultOrEmpty) return;
        output.WriteLine();
        output.WriteLine("### Dependencies");
        output.WriteLine();
        output.WriteLine("| Workload | Needs | Status | Declared at | Why |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var verdict in report.Dependencies)
        {
            var why = verdict.Reasons.IsEmpty ? "" : MarkdownText.Text(string.Join("; ", verdict.Reasons));
            output.WriteLine($"| {Cell(verdict.Dependency.Client.Id)} | {Cell(verdict.Dependency.TargetText)} | {verdict.StatusText} | {Cell(verdict.Dependency.Declaration.Located)} | {why} |");
        }
    }

    /// <summary>The "dependencies" array of the JSON report (docs/report-json.md).</summary>
    public static void WriteJson(Utf8JsonWriter json, ReachabilityReport report)
    {
        json.WriteStartArray("dependencies");
        foreach (var verdict in report.Dependencies)
        {
            var dependency = verdict.Dependency;
            json.WriteStartObject();
            DependencyJson.WriteDeclaration(json, dependency);
            json.WriteString("namespace", dependency.Name.Namespace);
            json.WriteString("service", dependency.Name.Service);
            if (dependency.Name.Pod is { } pod) json.WriteString("pod", pod);
            else json.WriteNull("pod");
            json.WriteString("nameForm", dependency.Name.Form.ToString());
            json.WriteBoolean("needsDns", dependency.Name.NeedsDns);
            json.WriteString("portChoice", dependency.PortChoice.ToString());
            DependencyJson.WritePorts(json, dependency);
            json.WriteString("target", dependency.TargetText);
            json.WriteString("status", verdict.StatusText);
            DependencyJson.WriteReasons(json, verdict);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Cell(string text) => MarkdownReportFormatter.Cell(text);
}
