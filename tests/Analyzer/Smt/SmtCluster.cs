using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>Loads test manifests written as YAML (through the real loader) and finds objects by name.</summary>
internal static class SmtCluster
{
    /// <summary>
    /// prod (team=a): web (app=web, container port http TCP/8080), db (app=db, tier=data, pg TCP/5432),
    /// ip-pod (app=ip, IP 10.0.0.5); dev (team=b): client (app=client).
    /// </summary>
    public const string Base = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: prod, labels: {team: a}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: dev, labels: {team: b}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: prod, labels: {app: web}}
        spec:
          containers:
          - name: c
            image: x
            ports: [{name: http, containerPort: 8080}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: prod, labels: {app: db, tier: data}}
        spec:
          containers:
          - name: c
            image: x
            ports: [{name: pg, containerPort: 5432}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: ip-pod, namespace: prod, labels: {app: ip}}
        spec: {containers: [{name: c, image: x}]}
        status: {podIP: 10.0.0.5}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: dev, labels: {app: client}}
        spec: {containers: [{name: c, image: x}]}
        """;

    public static Cluster Load(params string[] documents)
    {
        var loaded = ClusterLoader.LoadTexts(documents.Select((text, i) => ($"test{i}.yaml", text)));
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Cluster;
    }

    public static Cluster WithPolicies(params string[] policies) => Load([Base, .. policies]);

    public static Workload Workload(this Cluster cluster, string name) => cluster.Workloads.Single(w => w.Name == name);

    public static NetworkPolicy Policy(this Cluster cluster, string name) => cluster.NetworkPolicies.Single(p => p.Name == name);

    public static PodEndpoint Pod(this Cluster cluster, string name) => new(cluster.Workload(name));

    public static bool Allowed(this PolicySolver encoding, ConcreteEndpoint source, ConcreteEndpoint destination, int port, Protocol protocol = Protocol.TCP) =>
        encoding.IsAllowed(source, destination, protocol, port);

    public static string Policy(string name, string ns, string spec) => $"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
        {Indent(spec)}
        """;

    /// <summary>An AdminNetworkPolicy; <paramref name="spec"/> is the rest of its spec (subject, ingress, egress).</summary>
    public static string Admin(string name, int priority, string spec) => $"""
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {"{"}name: {name}{"}"}
        spec:
          priority: {priority}
        {Indent(spec)}
        """;

    /// <summary>The BaselineAdminNetworkPolicy (named default, as the API requires).</summary>
    public static string Baseline(string spec) => $"""
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: BaselineAdminNetworkPolicy
        metadata: {"{"}name: default{"}"}
        spec:
        {Indent(spec)}
        """;

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "  " + l));
}
