using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Manifests.Repository;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Manifests;

/// <summary>
/// Folders recognised for what they are, and views of one application (docs/repositories.md).
/// Renderers are kept off: the search path is an empty folder.
/// </summary>
public sealed class RepositoryLayoutTests : IDisposable
{
    private const string Policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("policylint-layout-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private LoadedCluster Load() => ClusterLoader.Load([_root], null, new LoadOptions(Repository: new RepositoryOptions(Path.Combine(_root, "no-renderers"), [])));

    [Fact]
    public void The_same_object_in_two_folders_is_one_repeated_object_note_and_analysed_once()
    {
        Write("manifests/a.yaml", Policy);
        Write("release/bundle.yaml", Policy);

        var loaded = Load();

        var note = Assert.Single(loaded.Diagnostics);
        Assert.Equal(RuleIds.RepeatedObject, note.RuleId);
        Assert.Equal(Severity.Info, note.Severity);
        Assert.Equal(Path.Combine(_root, "release", "bundle.yaml"), note.Span.File);
        Assert.Single(loaded.Cluster.NetworkPolicies);
    }

    [Fact]
    public void The_same_object_twice_in_one_folder_is_still_a_duplicate_object_error()
    {
        Write("manifests/a.yaml", Policy);
        Write("manifests/b.yaml", Policy);

        var diagnostic = Assert.Single(Load().Diagnostics);

        Assert.Equal(RuleIds.DuplicateObject, diagnostic.RuleId);
        Assert.Equal(Severity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Many_repeated_objects_of_one_pair_of_folders_are_one_note_that_counts_them()
    {
        Write("manifests/a.yaml", Policy + "\n---\n" + Policy.Replace("name: web", "name: api") + "\n---\n" + Policy.Replace("name: web", "name: db"));
        Write("release/bundle.yaml", Policy + "\n---\n" + Policy.Replace("name: web", "name: api") + "\n---\n" + Policy.Replace("name: web", "name: db"));

        var note = Assert.Single(Load().Diagnostics);

        Assert.StartsWith("NetworkPolicy shop/web and 2 more objects of ", note.Message);
    }

    [Fact]
    public void A_helm_chart_without_helm_is_one_not_rendered_note_at_Chart_yaml_and_no_invalid_yaml()
    {
        Write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        Write("chart/values.yaml", "replicas: 2\n");
        Write("chart/templates/np.yaml", "{{- if .Values.x }}\napiVersion: v1\nkind: {{ .Values.kind }}\n{{- end }}\n");

        var note = Assert.Single(Load().Diagnostics);

        Assert.Equal(RuleIds.NotRendered, note.RuleId);
        Assert.Equal(new SourceSpan(Path.Combine(_root, "chart", "Chart.yaml"), 1, 1), note.Span);
        Assert.Contains($"helm template release-name {Path.Combine(_root, "chart")} | policylint lint -", note.Message);
    }

    [Fact]
    public void Kustomize_bases_and_components_are_built_only_through_the_overlays_that_use_them()
    {
        Write("k/base/kustomization.yaml", "resources: [np.yaml]\n");
        Write("k/base/np.yaml", Policy);
        Write("k/components/extra/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [more.yaml]\n");
        Write("k/components/extra/more.yaml", Policy.Replace("name: web", "name: extra"));
        Write("k/overlays/prod/kustomization.yaml", "resources: [../../base]\ncomponents: [../../components/extra]\npatches: [{path: patch.yaml}]\n");
        Write("k/overlays/prod/patch.yaml", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web}\n");
        Write("k/overlays/dev/kustomization.yaml", "resources: [../../base]\n");

        var notes = Load().Diagnostics;

        Assert.All(notes, n => Assert.Equal(RuleIds.NotRendered, n.RuleId));
        Assert.Equal(
            [Path.Combine(_root, "k", "overlays", "dev", "kustomization.yaml"), Path.Combine(_root, "k", "overlays", "prod", "kustomization.yaml")],
            notes.Select(n => n.Span.File).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_kustomize_component_no_kustomization_uses_is_not_built_and_says_so()
    {
        Write("extra/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [more.yaml]\n");
        Write("extra/more.yaml", Policy);

        var note = Assert.Single(Load().Diagnostics);

        Assert.Equal(RuleIds.NotRendered, note.RuleId);
        Assert.Contains("is built only by a kustomization that lists it under 'components'", note.Message);
    }

    [Fact]
    public void A_directory_that_is_only_a_chart_is_not_an_empty_directory()
    {
        Write("Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");

        var note = Assert.Single(Load().Diagnostics);

        Assert.Equal(RuleIds.NotRendered, note.RuleId);
    }

    [Fact]
    public void PolicyLint_output_in_the_folder_is_skipped_with_a_note()
    {
        Write("a.yaml", Policy);
        Write("lint.json", "{\n  \"findings\": [\n    {\n      \"ruleId\": \"allow-all-rule\",\n      \"severity\": \"info\"\n    }\n  ]\n}\n");

        var loaded = Load();

        var note = Assert.Single(loaded.Diagnostics);
        Assert.Equal(RuleIds.PolicyLintOutput, note.RuleId);
        Assert.Equal(Path.Combine(_root, "lint.json"), note.Span.File);
        Assert.DoesNotContain(Path.Combine(_root, "lint.json"), loaded.Files);
    }

    [Theory]
    [InlineData("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"PolicyLint\",", "SARIF")]
    [InlineData("{\n  \"findings\": [],\n  \"suppressed\": []\n}", "lint JSON")]
    [InlineData("{\n  \"rules\": [\n    {\n      \"id\": \"allow-all-rule\",", "rules JSON")]
    [InlineData("{\n  \"schemaVersion\": 1,\n  \"profile\": \"default\",\n  \"summary\": {", "report or diff JSON")]
    [InlineData("{\n  \"source\": \"shop/web[Deployment]\",\n  \"destination\": \"shop/db[StatefulSet]\",", "can-reach JSON")]
    public void PolicyLint_formats_are_recognised_by_how_they_start(string prefix, string format) =>
        Assert.Equal(format, PolicyLintOutput.RecogniseText(prefix));

    [Theory]
    [InlineData("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}")]
    [InlineData("{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"kube-linter\"")]
    [InlineData("{\"findings\": \"a ConfigMap-like document\"}")]
    public void Kubernetes_objects_and_other_tools_output_are_not_PolicyLint_output(string text) =>
        Assert.Null(PolicyLintOutput.RecogniseText(text));
}
