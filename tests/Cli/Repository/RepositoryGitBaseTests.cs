using System.Text.Json;

namespace PolicyLint.Cli.Tests.Repository;

/// <summary>
/// `diff --git-base` on a repository with a Helm chart and kustomize roots (testdata/repo, in a
/// git repository made by the test): the revision's side goes through the same layout and
/// rendering as the working tree's (docs/diff.md), so a template is never read as YAML.
/// </summary>
public sealed class RepositoryGitBaseTests : IDisposable
{
    private readonly TemporaryGitRepository _git = new();
    private readonly string _renderers = Directory.CreateTempSubdirectory("policylint-renderers-").FullName;

    public RepositoryGitBaseTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "tests/Cli/Repository/Renderers")))
        {
            File.Copy(file, Path.Combine(_renderers, Path.GetFileName(file)));
        }
        // A helm that renders this fixture's chart from its templates as they are on disk (the
        // fixed helm.out could not show a change), with the values the fixture's values.yaml sets.
        var helm = Path.Combine(_renderers, "helm");
        File.WriteAllText(helm, """
            #!/bin/sh
            printf '%s\n' "$*" >> "$(dirname "$0")/helm.args"
            for template in "$3"/templates/*.yaml; do
              echo "---"
              echo "# Source: onlineboutique/templates/$(basename "$template")"
              sed -e '/^{{-/d' -e 's/{{ .Values.frontend.name }}/frontend/g' -e 's/{{ .Release.Namespace }}/default/g' \
                  -e 's/{{ .Values.frontend.port }}/8080/g' "$template"
            done
            """.Replace("\r", ""));
        File.SetUnixFileMode(helm, File.GetUnixFileMode(helm) | UnixFileMode.UserExecute);

        var source = Path.Combine(RepositoryRoot.Path, "testdata/repo");
        var repository = _git.Path;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(repository, "repo", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        _git.Git("add", "-A");
        _git.Git("commit", "--quiet", "-m", "base");
    }

    public void Dispose()
    {
        _git.Dispose();
        Directory.Delete(_renderers, recursive: true);
    }

    private CliRun Diff(string? searchPath, string workingDirectory, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            var context = new CliContext(new StringReader(""), output, error, IsTerminal: false, workingDirectory) { SearchPath = searchPath };
            var code = CliApp.Run(["diff", "--git-base", "HEAD", .. args], context);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    /// <summary>The chart's NetworkPolicy loses its allow-all rule: frontend is then isolated for ingress.</summary>
    private void DenyIngressToFrontendInTheChart()
    {
        var template = Path.Combine(_git.Path, "repo/helm-chart/templates/networkpolicies.yaml");
        File.WriteAllText(template, File.ReadAllText(template).Replace("  ingress:\n    - {}\n", ""));
    }

    /// <summary>The fixture's views repeat its plain manifests (one note each, on both sides); nothing else is said, invalid-yaml least of all.</summary>
    private static void AssertOnlyRepeatedViewNotes(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["policylint: in the base (git revision HEAD):", "policylint: in the working tree:"], lines.Where(l => l.StartsWith("policylint:")));
        Assert.All(lines.Where(l => !l.StartsWith("policylint:")), line => Assert.Contains(": repeated-object: ", line));
    }

    [Fact]
    public void A_chart_change_since_the_revision_is_a_proper_diff_with_both_sides_rendered()
    {
        DenyIngressToFrontendInTheChart();

        var run = Diff(_renderers, _git.Path, "repo", "--format", "json");

        AssertOnlyRepeatedViewNotes(run.Error);
        Assert.Equal(1, run.ExitCode);
        var diff = JsonDocument.Parse(run.Out).RootElement;
        // The base's allow-all rule, rendered from the revision's template, is fixed, and is placed in that template by its repository path.
        var fixedFinding = Assert.Single(diff.GetProperty("findings").GetProperty("fixed").EnumerateArray());
        Assert.Equal(("allow-all-rule", "repo/helm-chart/templates/networkpolicies.yaml"),
            (fixedFinding.GetProperty("ruleId").GetString(), fixedFinding.GetProperty("file").GetString()));
        Assert.Contains(diff.GetProperty("connections").EnumerateArray(), c =>
            c.GetProperty("change").GetString() == "removed" && c.GetProperty("dst").GetString() == "default/frontend[Deployment]");
        // Both sides rendered the chart and built both overlays.
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_renderers, "helm.args")).Length);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(_renderers, "kubectl.args")).Length);
    }

    [Fact]
    public void From_a_subdirectory_the_revision_is_rendered_with_the_users_paths_and_no_change_is_exit_0()
    {
        var run = Diff(_renderers, Path.Combine(_git.Path, "repo"), ".");

        AssertOnlyRepeatedViewNotes(run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["template release-name ./helm-chart", "template release-name ./helm-chart"], File.ReadAllLines(Path.Combine(_renderers, "helm.args")));
    }

    [Fact]
    public void Without_renderers_both_sides_skip_the_chart_with_a_note_and_no_invalid_yaml()
    {
        DenyIngressToFrontendInTheChart();

        var run = Diff(Path.Combine(_renderers, "empty"), _git.Path, "repo");

        Assert.DoesNotContain("invalid-yaml", run.Error);
        Assert.Equal(0, run.ExitCode);
        var notes = run.Error.Split('\n').Where(l => l.Contains("not-rendered")).ToList();
        Assert.Equal(6, notes.Count);
        Assert.All(notes, note => Assert.StartsWith("repo/", note));
    }
}
