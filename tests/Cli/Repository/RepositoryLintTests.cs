using System.Text.Json;
using PolicyLint.Analyzer.Manifests.Repository;

namespace PolicyLint.Cli.Tests.Repository;

/// <summary>
/// `policylint lint` on testdata/repo, a repository shaped like microservices-demo (a Helm
/// chart, a kustomize base with a component and two overlays, plain manifests and a release
/// bundle): without renderers, with fake ones on the PATH the test passes in, and with the real
/// kubectl when the machine has one (docs/repositories.md).
/// </summary>
public sealed class RepositoryLintTests : IDisposable
{
    private const string Fixture = "testdata/repo";
    private static readonly string[] FalseErrors = ["invalid-yaml", "invalid-object", "duplicate-object", "not-kubernetes", "render-failed"];

    private readonly string _renderers = Directory.CreateTempSubdirectory("policylint-renderers-").FullName;

    public RepositoryLintTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "tests/Cli/Repository/Renderers")))
        {
            File.Copy(file, Path.Combine(_renderers, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_renderers, recursive: true);

    private static CliRun Lint(string? searchPath, params string[] args) => Run(searchPath, ["lint", .. args, "--format", "json"]);

    /// <summary>The CLI in-process from the checkout's root, with its own PATH for renderers.</summary>
    private static CliRun Run(string? searchPath, string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = RepositoryRoot.Path;
        try
        {
            var context = new CliContext(new StringReader(""), output, error, IsTerminal: false, RepositoryRoot.Path) { SearchPath = searchPath };
            var code = CliApp.Run(args, context);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private sealed record Found(string RuleId, string Severity, string Message, string File, int Line, int Column);

    private static List<Found> Findings(CliRun run) =>
        JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => new Found(f.GetProperty("ruleId").GetString()!, f.GetProperty("severity").GetString()!, f.GetProperty("message").GetString()!,
                f.GetProperty("file").GetString()!, f.GetProperty("line").GetInt32(), f.GetProperty("column").GetInt32()))
            .ToList();

    [Fact]
    public void Without_renderers_charts_and_kustomize_roots_are_skipped_with_one_note_each_and_no_false_errors()
    {
        var run = Lint(Path.Combine(_renderers, "empty"), Fixture);

        var findings = Findings(run);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(findings, f => FalseErrors.Contains(f.RuleId));
        Assert.Equal(
            [$"{Fixture}/helm-chart/Chart.yaml", $"{Fixture}/kustomize/overlays/dev/kustomization.yaml", $"{Fixture}/kustomize/overlays/prod/kustomization.yaml"],
            findings.Where(f => f.RuleId == "not-rendered").Select(f => f.File));
        Assert.All(findings.Where(f => f.RuleId == "not-rendered"), f => Assert.Equal(("info", 1, 1), (f.Severity, f.Line, f.Column)));
        Assert.Contains(findings, f => f.RuleId == "not-rendered" &&
            f.Message.EndsWith($"helm template release-name {Fixture}/helm-chart | policylint lint -", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "not-rendered" &&
            f.Message.EndsWith($"kubectl kustomize {Fixture}/kustomize/overlays/prod | policylint lint -", StringComparison.Ordinal));
        var repeated = Assert.Single(findings, f => f.RuleId == "repeated-object");
        Assert.Equal(($"{Fixture}/release/kubernetes-manifests.yaml", "info"), (repeated.File, repeated.Severity));
        Assert.Contains("and 3 more objects of testdata/repo/release repeat objects already read from testdata/repo/kubernetes-manifests", repeated.Message);
    }

    [Fact]
    public void With_renderers_on_PATH_every_view_is_rendered_and_findings_point_into_the_source_files()
    {
        var run = Lint(_renderers, Fixture, "--helm-values", "values-prod.yaml");

        var findings = Findings(run);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(findings, f => FalseErrors.Contains(f.RuleId) || f.RuleId == "not-rendered");
        Assert.Equal([$"template release-name {Fixture}/helm-chart --values values-prod.yaml"], File.ReadAllLines(Path.Combine(_renderers, "helm.args")));
        // Bases and components are built only through the overlays that use them.
        Assert.Equal(
            [$"kustomize {Fixture}/kustomize/overlays/dev", $"kustomize {Fixture}/kustomize/overlays/prod"],
            File.ReadAllLines(Path.Combine(_renderers, "kubectl.args")).Order(StringComparer.Ordinal));

        // Helm: the template file, on its kind: line (line 1 is '{{- if ... }}').
        var allowAll = Assert.Single(findings, f => f.RuleId == "allow-all-rule");
        Assert.Equal(($"{Fixture}/helm-chart/templates/networkpolicies.yaml", 3, 1), (allowAll.File, allowAll.Line, allowAll.Column));
        Assert.Contains("NetworkPolicy default/frontend", allowAll.Message);
        // One note per pair of views, each in the source of the view that repeats.
        var repeated = findings.Where(f => f.RuleId == "repeated-object").ToList();
        Assert.Contains(repeated, f => f.File == $"{Fixture}/helm-chart/templates/frontend.yaml" && f.Line == 2);
        Assert.Contains(repeated, f => f.File == $"{Fixture}/kustomize/base/frontend.yaml" && f.Message.Contains("kustomize/overlays/prod"));
        Assert.Contains(repeated, f => f.File == $"{Fixture}/kustomize/base/frontend.yaml" && f.Message.Contains("kustomize/overlays/dev"));
    }

    [Fact]
    public void Kustomize_fields_are_placed_on_the_same_fields_of_the_resource_file_whatever_the_rendered_order()
    {
        var output = Run(_renderers, ["can-reach", "default/frontend", "default/cartservice", $"{Fixture}/kustomize", "--port", "7070", "--explain"]).Out;

        var policies = $"{Fixture}/kustomize/components/network-policies/network-policies.yaml";
        // The rendered rule is at line 7 of kubectl's output; in the component's file it is the '- from:' of line 22, column 7.
        Assert.Contains($"allowed by NetworkPolicy default/cartservice spec.ingress[0] ({policies}:22:7)", output);
        Assert.Contains($"NetworkPolicy default/deny-all ({policies}:1:1)", output);
    }

    [Fact]
    public void A_renderer_that_fails_is_one_render_failed_error_at_Chart_yaml_with_its_message()
    {
        File.WriteAllText(Path.Combine(_renderers, "helm.fail"), "");

        var run = Lint(_renderers, $"{Fixture}/helm-chart");

        Assert.Equal(1, run.ExitCode);
        var failed = Assert.Single(Findings(run));
        Assert.Equal(("render-failed", "error", $"{Fixture}/helm-chart/Chart.yaml", 1), (failed.RuleId, failed.Severity, failed.File, failed.Line));
        Assert.Contains("helm template testdata/repo/helm-chart failed (exit 1): Error: template: onlineboutique/templates/frontend.yaml:4:20", failed.Message);
    }

    [RealKubectlFact]
    public void The_real_kubectl_builds_the_overlays()
    {
        var kubectl = Renderer.Find("kubectl", Environment.GetEnvironmentVariable("PATH"))!;

        var run = Lint(Path.GetDirectoryName(kubectl), $"{Fixture}/kustomize");

        var findings = Findings(run);
        Assert.DoesNotContain(findings, f => FalseErrors.Contains(f.RuleId) || f.RuleId == "not-rendered");
        // dev and prod build the same base: the second build's objects are one note.
        var repeated = Assert.Single(findings, f => f.RuleId == "repeated-object");
        Assert.StartsWith($"{Fixture}/kustomize/base/", repeated.File);
        // The component's deny-all, built only through prod, isolates cartservice: it is analysed.
        Assert.DoesNotContain(findings, f => f.RuleId == "workload-not-isolated" && f.Message.Contains("cartservice"));
    }
}

/// <summary>A fact that runs only where a kubectl with 'kubectl kustomize' is on PATH (a fresh CI machine may have none).</summary>
public sealed class RealKubectlFactAttribute : FactAttribute
{
    public RealKubectlFactAttribute()
    {
        if (Renderer.Find("kubectl", Environment.GetEnvironmentVariable("PATH")) is null)
        {
            Skip = "kubectl is not on PATH";
        }
    }
}
