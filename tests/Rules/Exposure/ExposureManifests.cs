using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules.Tests.Exposure;

/// <summary>Manifests for the exposure rule tests, loaded as "x.yaml" the way the CLI loads files.</summary>
internal static class ExposureManifests
{
    public const string File = "x.yaml";

    public static Cluster Load(params string[] documents)
    {
        var loaded = ClusterLoader.LoadTexts([(File, string.Join("---\n", documents))]);
        Assert.Equal("", string.Join("\n", loaded.Diagnostics.Select(d => d.ToString())));
        return loaded.Cluster;
    }

    public static SourceSpan At(int line, int column) => new(File, line, column);

    public static string Deployment(string name, string ports = "[{containerPort: 8080, name: http}]") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: a}
        spec:
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec: {containers: [{name: main, ports: {{{ports}}}}]}

        """;

    /// <summary>A Service selecting app=<paramref name="app"/>; its ports list is on line 6 of the document.</summary>
    public static string Service(string name, string app, string ports, string spec = "") => $$$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{{name}}}, namespace: a}
        spec:
          selector: {app: {{{app}}}}
          ports: {{{ports}}}
        {{{spec}}}
        """;

    public static string DenyIngress(string app) => $$$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{{app}}}-deny, namespace: a}
        spec:
          podSelector: {matchLabels: {app: {{{app}}}}}
          policyTypes: [Ingress]

        """;

    public static string AllowFrom(string app, string from, int port = 8080) => $$$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{{app}}}-allow, namespace: a}
        spec:
          podSelector: {matchLabels: {app: {{{app}}}}}
          ingress: [{from: [{{{from}}}], ports: [{port: {{{port}}}}]}]

        """;

    public static string Ingress(string service, string port) => $$$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop, namespace: a}
        spec:
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: {{{service}}}
                        port: {{{port}}}

        """;
}
