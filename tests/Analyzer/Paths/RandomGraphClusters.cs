using FsCheck;
using FsCheck.Fluent;

namespace PolicyLint.Analyzer.Tests.Paths;

/// <summary>A generated cluster as manifests, the hop filter and the depth to ask with.</summary>
public sealed record GraphCase(string Yaml, int Workloads, string Filter, int Depth)
{
    public override string ToString() => $"filter {Filter}, depth {Depth}\n{Yaml}";
}

/// <summary>
/// FsCheck generators of clusters whose workload graph has long chains and many equal-length
/// paths: 3 to 9 workloads (app=wI) in two namespaces, each ingress-isolated or not, with
/// ingress rules admitting random subsets of the others on port 80, 5432 or any port, some
/// ipBlocks from outside, egress isolation with random allowances, and NodePort Services.
/// </summary>
public static class RandomGraphClusters
{
    public static readonly string[] Filters = ["any", "TCP 80", "TCP 5432", "UDP"];

    public static Arbitrary<GraphCase> Cases() => Arb.From(Case());

    public static Gen<GraphCase> Case() =>
        from count in Gen.Choose(3, 9)
        from workloads in Gen.CollectToList(Enumerable.Range(0, count), i => WorkloadOf(i, count))
        from filter in Gen.Elements(Filters)
        from depth in Gen.Choose(1, 5)
        select new GraphCase(string.Join("---\n", workloads), count, filter, depth);

    private static Gen<string> WorkloadOf(int index, int count) =>
        from ns in Gen.Elements("ns0", "ns1")
        from ingress in Gen.Frequency((1, Gen.Constant<string?>(null)), (4, IngressPolicyOf(index, count, ns)))
        from egress in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, EgressPolicyOf(index, count, ns)))
        from nodePort in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select string.Join("---\n", new[] { Deployment(index, ns), ingress, egress, nodePort ? NodePort(index, ns) : null }.OfType<string>());

    private static Gen<string> IngressPolicyOf(int index, int count, string ns) =>
        from rules in Gen.CollectToList(Enumerable.Range(0, 2), _ => RuleOf(count, "from"))
        from outside in Gen.Elements("", "  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n", "  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n    ports:\n    - port: 80\n")
        select Policy(index, ns, "ingress", "Ingress", string.Concat(rules) + outside);

    private static Gen<string> EgressPolicyOf(int index, int count, string ns) =>
        from rules in Gen.CollectToList(Enumerable.Range(0, 2), _ => RuleOf(count, "to"))
        select Policy(index, ns, "egress", "Egress", string.Concat(rules));

    private static Gen<string> RuleOf(int count, string side) =>
        from peers in Gen.SubListOf(Enumerable.Range(0, count).Select(i => $"w{i}").ToArray())
        from port in Gen.Elements("", "    ports:\n    - port: 80\n", "    ports:\n    - port: 5432\n", "    ports:\n    - port: 53\n      protocol: UDP\n")
        select peers.Count == 0 ? "" :
            $"  - {side}:\n    - namespaceSelector: {{}}\n      podSelector:\n        matchExpressions:\n        - key: app\n          operator: In\n          values: [{string.Join(", ", peers)}]\n{port}";

    private static string Policy(int index, string ns, string name, string type, string rules) =>
        $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: w{index}-{name}\n  namespace: {ns}\nspec:\n" +
        $"  podSelector:\n    matchLabels:\n      app: w{index}\n  policyTypes: [{type}]\n  {name}:{(rules.Length == 0 ? " []" : "")}\n{rules}";

    private static string Deployment(int index, string ns) =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w{index}\n  namespace: {ns}\nspec:\n  selector:\n    matchLabels:\n      app: w{index}\n" +
        $"  template:\n    metadata:\n      labels:\n        app: w{index}\n    spec:\n      containers:\n      - name: main\n        ports:\n        - containerPort: 80\n        - containerPort: 5432\n";

    private static string NodePort(int index, string ns) =>
        $"apiVersion: v1\nkind: Service\nmetadata:\n  name: w{index}-np\n  namespace: {ns}\nspec:\n  type: NodePort\n  selector:\n    app: w{index}\n  ports:\n  - port: 80\n    targetPort: 80\n";
}
