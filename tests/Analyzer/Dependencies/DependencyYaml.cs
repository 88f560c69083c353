using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Tests.Dependencies;

/// <summary>Manifests for the dependency tests, loaded as "d.yaml".</summary>
internal static class DependencyYaml
{
    public const string File = "d.yaml";

    public static Cluster Load(params string[] documents)
    {
        var loaded = ClusterLoader.LoadTexts([(File, string.Join("---\n", documents))]);
        Assert.Equal("", string.Join("\n", loaded.Diagnostics.Select(d => d.ToString())));
        return loaded.Cluster;
    }

    public static List<DeclaredDependency> Extract(params string[] documents) =>
        [.. DependencyExtractor.Extract(Load(documents))];

    /// <summary>
    /// The check as lint and can-reach ask it (the engine explains every pair), and the same
    /// check as the report asks it (allowed connections read from the matrix, its Service
    /// catalog): both must give the same verdicts and reasons, to the letter.
    /// </summary>
    public static List<DependencyVerdict> Check(params string[] documents)
    {
        var engine = ReachabilityEngine.Build(Load(documents));
        List<DependencyVerdict> verdicts = [.. DependencyCheck.Run(engine)];
        var dependencies = DependencyExtractor.Extract(engine.Cluster);
        var fromMatrix = DependencyCheck.Run(dependencies, engine, new ServiceCatalog(engine.Cluster), engine.ComputeMatrix());
        Assert.Equal(verdicts.Select(Text), fromMatrix.Select(Text));
        return verdicts;
    }

    public static string Text(DependencyVerdict verdict) => $"{verdict.Dependency.Client.Id} {verdict.Status}: {string.Join(" | ", verdict.Reasons)}";

    public static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {name}}}\n";

    /// <summary>A Deployment app=<paramref name="name"/> whose one container has the given lines (indented 10); podSpec lines are indented 6.</summary>
    public static string Client(string name, string ns, string container, string podSpec = "") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec:
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
        {{{podSpec}}}      containers:
                - name: main
        {{{container}}}

        """;

    /// <summary>A Deployment app=<paramref name="name"/> with a Service of the same name.</summary>
    public static string Server(string name, string ns, string servicePorts = "[{port: 8080}]", string containerPorts = "[]", string serviceSpec = "") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec:
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec: {containers: [{name: main, ports: {{{containerPorts}}}}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec:
          selector: {app: {{{name}}}}
          ports: {{{servicePorts}}}
        {{{serviceSpec}}}

        """;

    public static string Env(string name, string value) => $"          env: [{{name: {name}, value: \"{value}\"}}]";

    public static string Policy(string name, string ns, string spec) => $$$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec:
        {{{spec}}}

        """;

    public static SourceSpan At(int line, int column) => new(File, line, column);
}
