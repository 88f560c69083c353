using System.Text.Json;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Cli.Json;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Lint.Formats;

/// <summary>
/// The stable machine format (documented in docs/lint.md; fields are added, never renamed):
/// <code>
/// {"findings":[{"ruleId","severity","message","file","line","column","object":{"kind","namespace","name"}|null}],
///  "suppressed":[{... the same fields ..., "reason": string|null}],
///  "summary":{"error":N,"warning":N,"info":N,"suppressed":N[,"unfinishedChecks":N]}}
/// </code>
/// unfinishedChecks is there only when some solver question ran out of its --solver-budget.
/// findings holds the active findings only, so that consumers counting them agree with the
/// exit code; file is the path as given on the command line, with forward slashes.
/// </summary>
public sealed class JsonLintFormatter : ILintFormatter
{
    public void Write(LintReport report, TextWriter output)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("findings");
            foreach (var finding in report.Result.Active) FindingJson.Write(json, finding);
            json.WriteEndArray();
            json.WriteStartArray("suppressed");
            foreach (var finding in report.Result.Suppressed) FindingJson.Write(json, finding);
            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("error", report.Result.Count(Severity.Error));
            json.WriteNumber("warning", report.Result.Count(Severity.Warning));
            json.WriteNumber("info", report.Result.Count(Severity.Info));
            json.WriteNumber("suppressed", report.Result.SuppressedCount);
            // Only when some are: outputs of finished runs stay as they were.
            if (report.Result.UnfinishedChecks > 0) json.WriteNumber("unfinishedChecks", report.Result.UnfinishedChecks);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }
}
