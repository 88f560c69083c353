using PolicyLint.Analyzer.Manifests;
using PolicyLint.Cli.Output.Escaping;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Lint.Formats;

/// <summary>
/// GitHub Actions workflow commands, one per active finding:
/// <c>::error file=F,line=L,col=C,title=T::message</c> (warning, notice for info). File is
/// relative to the repository root so annotations land on the pull request's diff. Escaping is
/// GitHub's: in data % \r \n, in properties also : and ,.
/// </summary>
public sealed class GitHubLintFormatter : ILintFormatter
{
    public void Write(LintReport report, TextWriter output)
    {
        foreach (var finding in report.Result.Active)
        {
            var command = finding.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            var properties = new List<string>(4) { $"file={Property(report.Paths.Relative(finding.Span.File))}" };
            if (finding.Span.IsKnown)
            {
                properties.Add($"line={finding.Span.Line}");
                properties.Add($"col={finding.Span.Column}");
            }
            var title = report.Result.FindRule(finding.RuleId) is { } rule ? $"{rule.Id}: {rule.Title}" : finding.RuleId;
            properties.Add($"title={Property(title)}");
            output.Write($"::{command} {string.Join(",", properties)}::{Data(finding.Message)}\n");
        }
    }

    private static string Data(string text) => WorkflowCommandText.Data(text);

    private static string Property(string text) => WorkflowCommandText.Property(text);
}
