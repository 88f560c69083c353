using PolicyLint.Cli.Json;
using System.Text.Json;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Cli.Output.Escaping;

using PolicyLint.Analyzer.Queries.Dependencies;

namespace PolicyLint.Cli.Diff;

/// <summary>
/// The declared dependencies a change breaks or restores (docs/dependencies.md), in the diff's
/// three formats. In the pull-request comment they come first, right after the summary line:
/// they are what the change will break in production. Values quoted from the input are escaped
/// for each sink (docs/security.md).
/// </summary>
public static class DependencyDiffSections
{
    public static void WriteText(ConnectivityDiff diff, TextWriter output)
    {
        foreach (var kind in Enum.GetValues<DependencyChangeKind>())
        {
            var changes = diff.Dependencies.Where(d => d.Kind == kind).ToList();
            if (changes.Count == 0) continue;
            output.WriteLine();
            output.WriteLine($"Declared dependencies {Verb(kind)}:");
            foreach (var change in changes)
            {
                var dependency = change.Now.Dependency;
                output.WriteLine($"  {(kind == DependencyChangeKind.Broken ? '!' : '+')} {dependency.Client.Id} => {TerminalText.Value(dependency.TargetText)} ({TerminalText.Value(Declaration(change.Now))})");
                foreach (var reason in kind == DependencyChangeKind.Broken ? change.Now.Reasons : []) output.WriteLine($"      {TerminalText.Value(reason)}");
            }
        }
    }

    public static void WriteMarkdown(ConnectivityDiff diff, TextWriter output)
    {
        foreach (var kind in Enum.GetValues<DependencyChangeKind>())
        {
            var changes = diff.Dependencies.Where(d => d.Kind == kind).ToList();
            if (changes.Count == 0) continue;
            output.WriteLine();
            output.WriteLine($"### Declared dependencies {Verb(kind)} ({changes.Count})");
            output.WriteLine();
            output.WriteLine(kind == DependencyChangeKind.Broken ? "| Workload | Needs | Declared at | Why |" : "| Workload | Needs | Declared at |");
            output.WriteLine(kind == DependencyChangeKind.Broken ? "|---|---|---|---|" : "|---|---|---|");
            foreach (var change in changes)
            {
                var dependency = change.Now.Dependency;
                var row = $"| {Cell(dependency.Client.Id)} | {Cell(dependency.TargetText)} | {Cell(Declaration(change.Now))} |";
                if (kind == DependencyChangeKind.Broken) row += $" {MarkdownText.Text(string.Join("; ", change.Now.Reasons))} |";
                output.WriteLine(row);
            }
        }
    }

    public static void WriteJson(Utf8JsonWriter json, ConnectivityDiff diff)
    {
        json.WriteStartObject("dependencies");
        foreach (var kind in Enum.GetValues<DependencyChangeKind>())
        {
            json.WriteStartArray(Verb(kind));
            foreach (var change in diff.Dependencies.Where(d => d.Kind == kind))
            {
                json.WriteStartObject();
                DependencyJson.WriteDeclaration(json, change.Now.Dependency);
                json.WriteString("target", change.Now.Dependency.TargetText);
                if (change.Before is { } before) json.WriteString("before", before.StatusText);
                else json.WriteNull("before");
                json.WriteString("now", change.Now.StatusText);
                DependencyJson.WriteReasons(json, change.Now);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static string Verb(DependencyChangeKind kind) => kind == DependencyChangeKind.Broken ? "broken" : "restored";

    private static string Declaration(DependencyVerdict verdict) => verdict.Dependency.Declaration.Located;

    private static string Cell(string text) => MarkdownText.Code(text);
}
