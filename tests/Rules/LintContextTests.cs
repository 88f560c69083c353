using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;

namespace PolicyLint.Rules.Tests;

public class LintContextTests
{
    private static Cluster Shop() => new ClusterBuilder()
        .Workload("shop", "web")
        .Workload("shop", "db")
        .Policy("shop", "db-from-web", p => p.Select(("app", "db")).Ingress(r => r.Pods(("app", "web")).Port(5432)))
        .Build();

    [Fact]
    public void Engine_results_are_computed_once_and_shared()
    {
        var context = new LintContext(Shop(), [], AnalysisProfile.Default);

        Assert.Same(context.Reachability, context.Reachability);
        Assert.Same(context.Matrix, context.Matrix);
        Assert.Same(context.Workloads, context.Workloads);
        Assert.Equal(AnalysisProfile.Default, context.Reachability.Profile);
    }

    [Fact]
    public void Isolation_comes_from_the_engine_per_workload_and_direction()
    {
        var cluster = Shop();
        var context = new LintContext(cluster, [], AnalysisProfile.NetpolAnalyzer);

        var db = context.IsolationOf(cluster.Workloads.Single(w => w.Name == "db"))!;
        var web = context.IsolationOf(cluster.Workloads.Single(w => w.Name == "web"))!;

        Assert.True(db.IngressIsolated);
        Assert.False(db.EgressIsolated);
        Assert.False(web.IngressIsolated);
        Assert.Equal(AnalysisProfile.NetpolAnalyzer, context.Reachability.Profile);
    }

    [Fact]
    public void The_smt_encoding_follows_the_profile_and_answers_queries()
    {
        var cluster = Shop();
        var context = new LintContext(cluster, [], AnalysisProfile.NetpolAnalyzer);

        Assert.Equal(AnalysisProfile.NetpolAnalyzer, context.SmtOptions.Profile);
        Assert.Same(context.Proofs, context.Proofs);
        var verdict = context.PolicySelector(cluster.NetworkPolicies[0]);
        Assert.Equal(SelectorVerdict.MatchesInputPods, verdict!.Verdict);
    }
}
