using System.Text.Json;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Report;

/// <summary>
/// The report's "dependencies" section in text, Markdown and JSON: each workload's declared
/// dependencies (docs/dependencies.md) with where they are declared, their status and why.
/// Text and Markdown leave the section out when there is none; JSON always has the array.
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
                output.WriteLine($"    -> {dependency.TargetText}  {verdict.StatusText}");
                output.WriteLine($"       {Declaration(verdict)}");
                foreach (var reason in verdict.Reasons) output.WriteLine($"       {reason}");
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
            var why = verdict.Reasons.IsEmpty ? "" : string.Join("; ", verdict.Reasons).Replace("|", "\\|");
            output.WriteLine($"| {Cell(verdict.Dependency.Client.Id)} | {Cell(verdict.Dependency.TargetText)} | {verdict.StatusText} | {Cell(Declaration(verdict))} | {why} |");
        }
    }

    /// <summary>The "dependencies" array of the JSON report (docs/report-json.md).</summary>
    public static void WriteJson(Utf8JsonWriter json, ReachabilityReport report)
    {
        json.WriteStartArray("dependencies");
        foreach (var verdict in report.Dependencies)
        {
            var dependency = verdict.Dependency;
            var declaration = dependency.Declaration;
            json.WriteStartObject();
            json.WriteString("client", dependency.Client.Id);
            json.WriteString("container", declaration.Container);
            json.WriteString("origin", declaration.Origin);
            json.WriteString("value", declaration.Text);
            json.WriteString("file", declaration.Span.File);
            json.WriteNumber("line", declaration.Span.Line);
            json.WriteNumber("column", declaration.Span.Column);
            json.WriteString("namespace", dependency.Name.Namespace);
            json.WriteString("service", dependency.Name.Service);
            if (dependency.Name.Pod is { } pod) json.WriteString("pod", pod);
            else json.WriteNull("pod");
            json.WriteString("nameForm", dependency.Name.Form.ToString());
            json.WriteBoolean("needsDns", dependency.Name.NeedsDns);
            json.WriteString("portChoice", dependency.PortChoice.ToString());
            json.WriteStartArray("ports");
            foreach (var port in dependency.Ports)
            {
                json.WriteStartObject();
                json.WriteNumber("port", port.Port);
                json.WriteString("protocol", port.Protocol.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("target", dependency.TargetText);
            json.WriteString("status", verdict.StatusText);
            json.WriteStartArray("reasons");
            foreach (var reason in verdict.Reasons) json.WriteStringValue(reason);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Declaration(DependencyVerdict verdict)
    {
        var declaration = verdict.Dependency.Declaration;
        var container = declaration.Container.Length == 0 ? "" : $"container {declaration.Container}, ";
        return $"{container}{declaration.Origin} = {declaration.Text} at {declaration.Span}";
    }

    private static string Cell(string text) => MarkdownReportFormatter.Cell(text);
}
