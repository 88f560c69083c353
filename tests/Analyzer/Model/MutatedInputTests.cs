using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// Bad input is never a stack trace: randomly damaged manifests (characters deleted, inserted,
/// swapped, lines cut) always load to a result, whatever diagnostics they give.
/// </summary>
public sealed class MutatedInputTests
{
    private const string Seed = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np, namespace: shop, labels: {app: x}}
        spec:
          podSelector: {matchExpressions: [{key: app, operator: In, values: [a, b]}]}
          policyTypes: [Ingress, Egress]
          ingress:
          - from:
            - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
            - namespaceSelector: {matchLabels: {team: a}}
              podSelector: {}
            ports: [{port: 80, endPort: 90}, {protocol: UDP, port: dns}]
          egress: [{}]
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata:
            name: p
            ownerReferences: [{kind: ReplicaSet, name: rs, controller: true}]
          spec: {hostNetwork: false, containers: [{name: c, ports: [{containerPort: 80, name: http}]}]}
          status: {podIP: 10.0.0.1, podIPs: [{ip: 10.0.0.1}]}
        - apiVersion: v1
          kind: Service
          metadata: {name: s}
          spec: {type: NodePort, selector: {app: x}, ports: [{port: 80, targetPort: http, nodePort: 30080}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: anp}
        spec:
          priority: 5
          subject: {pods: {namespaceSelector: {}, podSelector: {}}}
          egress:
          - {name: r, action: Deny, to: [{networks: [0.0.0.0/0]}], ports: [{portRange: {start: 1, end: 2}}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: i}
        spec:
          rules: [{host: a, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]
        """;

    private const string Alphabet = " \n\t:-[]{}\"',&*!|>#%@`0a\u0000\u00e9";

    [Fact]
    public void Damaged_manifests_never_throw()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 1000; i++)
        {
            var text = Mutate(Seed, random, 1 + random.Next(4));
            var loaded = ClusterLoader.LoadTexts([("m.yaml", text)]);
            Assert.NotNull(loaded.Cluster);
            Assert.All(loaded.Diagnostics, d => Assert.Equal("m.yaml", d.Span.File));
        }
    }

    private static string Mutate(string text, Random random, int edits)
    {
        var chars = new List<char>(text);
        for (var e = 0; e < edits && chars.Count > 0; e++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 2: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                default: chars.RemoveRange(at, Math.Min(chars.Count - at, random.Next(40))); break;
            }
        }
        return new string([.. chars]);
    }
}
