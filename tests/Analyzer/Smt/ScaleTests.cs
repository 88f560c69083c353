using System.Collections.Immutable;
using System.Diagnostics;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// A larger cluster (2,000 pods in 20 namespaces, 60 policies, 120 rules): building the
/// encoding and checking every rule for every possible pod and for the input pods stays
/// in seconds (about 10 s here on a loaded 2-core machine; the bound is generous).
/// </summary>
[Collection(SolverHeavyCollection.Name)]
public sealed class ScaleTests
{
    private static readonly SourceSpan Span = new("scale.yaml", 1, 1);

    [Fact]
    public void Thousands_of_pods_and_many_policies()
    {
        var cluster = Build(namespaces: 20, podsPerNamespace: 100, policiesPerNamespace: 3);
        var stopwatch = Stopwatch.StartNew();
        using var encoding = PolicySolver.Create(cluster, new SmtOptions(ReadableWitnesses: false));
        var built = stopwatch.Elapsed;
        var any = encoding.CheckAllRules();
        var afterAny = stopwatch.Elapsed;
        var input = encoding.CheckAllRules(PodScope.InputPods);
        var total = stopwatch.Elapsed;

        Assert.Equal(120, any.Count);
        Assert.Equal(120, input.Count);
        Assert.True(total < TimeSpan.FromSeconds(60), $"build {built}, any pod {afterAny - built}, input pods {total - afterAny}");
    }

    private static Cluster Build(int namespaces, int podsPerNamespace, int policiesPerNamespace)
    {
        var nsList = new List<Namespace>();
        var workloads = new List<Workload>();
        var policies = new List<NetworkPolicy>();
        for (var n = 0; n < namespaces; n++)
        {
            var ns = $"ns{n}";
            nsList.Add(new Namespace(new ObjectMeta(new ObjectRef("Namespace", "", ns),
                Labels.Of((Namespace.NameLabel, ns), ("team", $"t{n % 10}")), Labels.Empty, Span), true));
            for (var p = 0; p < podsPerNamespace; p++)
            {
                var labels = Labels.Of(("app", $"a{p % 20}"), ("pod-template-hash", $"h{n}-{p}"));
                var pod = new Pod($"w{p}", labels, [new Container("c", [new ContainerPort("http", 8000 + p % 3, Protocol.TCP, null, null, Span)], Span)], false, [], Span);
                workloads.Add(new Workload(new ObjectMeta(new ObjectRef("Pod", ns, $"w{p}"), labels, Labels.Empty, Span), "Pod", [pod], 1));
            }
            for (var i = 0; i < policiesPerNamespace; i++)
            {
                var from = new NetworkPolicyPeer(
                    Selector("app", $"a{(n + i) % 20}"), Selector("team", $"t{(n + i) % 10}"), null, Span);
                var rule = new NetworkPolicyRule(PolicyDirections.Ingress, 0, [from],
                    [new PolicyPort(Protocol.TCP, i == 0 ? PortRef.Of("http") : PortRef.Of(8000 + i), null, Span)], Span);
                var egress = new NetworkPolicyRule(PolicyDirections.Egress, 0, [new NetworkPolicyPeer(null, Selector("team", $"t{i}"), null, Span)], [], Span);
                policies.Add(new NetworkPolicy(
                    new ObjectMeta(new ObjectRef("NetworkPolicy", ns, $"p{i}"), Labels.Empty, Labels.Empty, Span),
                    Selector("app", $"a{(n * 3 + i) % 20}"), [rule], [egress], PolicyDirections.Both, true));
            }
        }
        return new Cluster([.. nsList], [.. workloads], [], [.. policies], [], [], []);
    }

    private static LabelSelector Selector(string key, string value) =>
        new([new LabelRequirement(key, SelectorOperator.In, [value], Span, FromMatchLabels: true)], Span);
}
