using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Tests.Model;

namespace PolicyLint.Analyzer.Tests.Queries;

/// <summary>Small manifests for the Service and exposure query tests, composed per test.</summary>
internal static class ExposureYaml
{
    public static Cluster Load(params string[] documents) => Loading.Clean(string.Join("---\n", documents));

    public static string Deployment(string ns, string name, string ports = "            - containerPort: 8080\n              name: http\n") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
                - name: main
                  ports:

        """ + ports;

    /// <summary>A Service selecting app=<paramref name="app"/>; <paramref name="spec"/> lines are added under spec (2 spaces indent).</summary>
    public static string Service(string ns, string name, string app, string ports, string spec = "") => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          selector:
            app: {app}
          ports:

        """ + ports + spec;

    public static string IngressPolicy(string ns, string app, string from = "", string ports = "") => $"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: {app}-in
          namespace: {ns}
        spec:
          podSelector:
            matchLabels:
              app: {app}
          policyTypes: [Ingress]

        """ + (from.Length == 0 && ports.Length == 0 ? "" : "  ingress:\n    - " + from + ports);
}
