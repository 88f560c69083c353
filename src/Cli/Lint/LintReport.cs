using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Lint;

/// <summary>
/// Everything a formatter needs: the lint result, the input it came from, how to name files
/// (repository-relative) and show their lines, the --fail-on threshold (null: never), and
/// whether colour and suppressed findings are wanted.
/// </summary>
public sealed record LintReport(
    LintResult Result,
    Cluster Cluster,
    ImmutableArray<string> Files,
    RepositoryPaths Paths,
    SourceLines Sources,
    Severity? FailOn,
    bool Colour,
    bool Verbose);

/// <summary>One output format of `policylint lint`. Writes the whole report to stdout's writer.</summary>
public interface ILintFormatter
{
    void Write(LintReport report, TextWriter output);
}
