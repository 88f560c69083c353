using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Tests.Redundancy;

/// <summary>Loads YAML written in a test as the loader would, for rules whose input needs matchExpressions or cluster policies.</summary>
public static class Manifests
{
    public const string File = "test.yaml";

    public static Cluster Load(string yaml)
    {
        var loaded = ClusterLoader.LoadTexts([(File, yaml)]);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == Severity.Error);
        return loaded.Cluster;
    }

    public static string Namespace(string name, string labels) =>
        $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels: {labels}\n---\n";

    public static string Pod(string ns, string name, string labels) =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels: {labels}\n" +
        "spec:\n  containers:\n  - name: main\n    image: example/app:1\n    ports:\n    - containerPort: 8080\n---\n";
}
