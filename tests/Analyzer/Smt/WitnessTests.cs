using System.Text;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using static PolicyLint.Analyzer.Tests.Smt.SmtCluster;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>What a person reads: witness texts of each query, as golden files.</summary>
public sealed class WitnessTests
{
    [Fact]
    public void Witness_texts()
    {
        var cluster = WithPolicies(
            Policy("web", "prod", """
                podSelector: {matchLabels: {app: web}}
                ingress:
                - from: [{podSelector: {matchLabels: {app: db}}}]
                - from: [{podSelector: {matchLabels: {tier: data}}}]
                - from: [{namespaceSelector: {matchExpressions: [{key: team, operator: NotIn, values: [a, b]}]}}]
                  ports: [{port: http}]
                """),
            Policy("out", "dev", """
                podSelector: {}
                policyTypes: [Egress]
                egress: [{to: [{ipBlock: {cidr: 192.168.0.0/16, except: [192.168.0.0/24]}}], ports: [{protocol: UDP, port: 53}]}]
                """));
        using var encoding = PolicySolver.Create(cluster, new SmtOptions(AnalysisProfile.NetpolAnalyzer));
        var text = new StringBuilder();
        foreach (var scope in new[] { PodScope.AnyPod, PodScope.InputPods })
        {
            foreach (var result in encoding.CheckAllRules(scope))
            {
                text.AppendLine($"[{scope}] {result.Rule}: {result.Kind}");
                foreach (var cover in result.CoveringRules) text.AppendLine($"  covered by {cover}");
                if (result.Witness is { } witness) text.AppendLine($"  e.g. {witness}");
            }
        }
        var exposure = encoding.CheckExposure(
            new LabelSelector([], SourceSpan.None), LabelSelector.Everything, cluster.Workload("web"), Protocol.TCP, 8080);
        text.AppendLine($"exposure of prod/web on TCP/8080 to any pod: {exposure.IsExposed}");
        text.AppendLine($"  e.g. {exposure.Witness}");
        Golden.Verify(text.ToString(), "Witness_texts");
    }
}
