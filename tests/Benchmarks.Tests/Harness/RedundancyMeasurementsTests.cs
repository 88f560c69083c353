using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt;
using PolicyLint.Benchmarks.Generation;
using PolicyLint.Benchmarks.Harness;

namespace PolicyLint.Benchmarks.Tests.Harness;

public sealed class RedundancyMeasurementsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "policylint-bench-redundancy-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void The_engine_finds_every_generated_copy_of_allow_same_app_redundant()
    {
        var summary = ClusterGenerator.Generate(SizeProfile.Redundancy100, 1, Path.Combine(_root, "r100"));
        var cluster = ClusterLoader.Load([summary.Directory]).Cluster;
        var copies = cluster.NetworkPolicies.Where(p => p.Name.StartsWith("allow-same-app-copy-", StringComparison.Ordinal)).ToList();
        using var encoding = PolicySolver.Create(cluster);

        Assert.NotEmpty(copies);
        Assert.All(copies, copy => Assert.Equal(RuleRedundancyKind.Covered, encoding.CheckRuleRedundancy(copy, PolicyDirections.Ingress, 0).Kind));
        Assert.All(copies, copy => Assert.True(encoding.CheckPolicyRedundancy(copy).IsRedundant, $"{copy.Namespace}/{copy.Name}"));
    }

    /// <summary>
    /// R100 (20 namespaces, 100 policies): the scoped questions give every answer the encoding of
    /// the whole cluster gives, as the lint rules asked it before scoping.
    /// </summary>
    [Fact]
    public void Scoped_questions_answer_as_the_whole_cluster_on_R100()
    {
        var summary = ClusterGenerator.Generate(SizeProfile.Redundancy100, 1, Path.Combine(_root, "r100"));
        var cluster = ClusterLoader.Load([summary.Directory]).Cluster;
        var options = new SmtOptions(ReadableWitnesses: false);
        var scoped = ScopedQuestions.Ask(cluster, options);
        using var whole = PolicySolver.Create(cluster, options);

        var everyPod = whole.CheckAllRules(PodScope.AnyPod);
        Assert.Equal(everyPod.Count, scoped.RulesForEveryPod.Count);
        foreach (var answer in everyPod)
        {
            var mine = scoped.RulesForEveryPod[answer.Rule]!;
            Assert.Equal(answer.Kind, mine.Kind);
            if (answer.Kind == RuleRedundancyKind.Covered) Assert.Equal(answer.CoveringRules.ToHashSet(), mine.CoveringRules.ToHashSet());
            if (answer.Kind != RuleRedundancyKind.NotRedundant) continue;
            var rule = answer.Rule;
            var inputPods = whole.CheckRuleRedundancy(rule.Policy, rule.Direction, rule.Index, PodScope.InputPods);
            Assert.Equal(inputPods.Kind, scoped.RulesForInputPods[rule]!.Kind);
        }
        Assert.Contains(everyPod, a => a.Kind == RuleRedundancyKind.Covered);
        foreach (var policy in cluster.NetworkPolicies)
        {
            Assert.Equal(whole.CheckPolicyRedundancy(policy).IsRedundant, scoped.Policies[policy]!.IsRedundant);
        }
        Assert.Equal(0, scoped.Unfinished);
    }

    [Fact]
    public void A_run_times_every_phase_and_reports_what_it_found()
    {
        var summary = ClusterGenerator.Generate(SizeProfile.Redundancy100, 1, Path.Combine(_root, "r100"));
        var console = new StringWriter();

        var result = new RedundancyMeasurements(SizeProfile.Redundancy100, 1, 2, TimeSpan.FromMinutes(5), summary, console).Run();

        Assert.Null(result.StoppedBy);
        foreach (var phase in RedundancyMeasurements.Phases)
        {
            var cpu = result.Find($"{phase}: CPU time");
            Assert.True(cpu is { IsAvailable: true }, phase);
            Assert.Equal(2, cpu!.Samples.Count);
        }
        Assert.Contains("NetworkPolicies: loaded 100 = generated", result.Checks);
        Assert.Contains(result.Checks, c => c.StartsWith(RedundancyMeasurements.Policies + ": 100 policies checked, ", StringComparison.Ordinal));
        var rules = result.Checks.Single(c => c.StartsWith(RedundancyMeasurements.RulesAnyPod + ":", StringComparison.Ordinal));
        Assert.Contains($"{result.Scale["rules"]:N0} rules checked", rules);
        Assert.DoesNotContain(result.Checks, c => c.Contains("DIFFER", StringComparison.Ordinal));
    }
}
