using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The solver questions of the lint rules at one size, as `lint` asks them: every run calls
/// <see cref="ScopedQuestions.Ask"/> (one encoding per namespace scope, every NetworkPolicy rule
/// for every possible pod and, when not redundant, for the input pods; every NetworkPolicy;
/// every cluster policy rule) on both cores, then again on one thread. Run 1 includes the JIT;
/// Z3 is native, so that share is small. The answers are summed up per kind, and must not
/// differ between runs or thread counts.
/// </summary>
internal sealed class RedundancyMeasurements(SizeProfile profile, ulong seed, int runs, TimeSpan budget, GenerationSummary summary, TextWriter console)
{
    public const string Scoped = "ScopedQuestions.Ask, every rule and policy, both cores";
    public const string ScopedOneThread = "ScopedQuestions.Ask, every rule and policy, one thread";
    public const string RulesAnyPod = "rules, every possible pod";
    public const string RulesInputPods = "rules not redundant for every pod, input pods";
    public const string Policies = "policies, every possible pod";

    /// <summary>The phases in the order one run performs them.</summary>
    public static IReadOnlyList<string> Phases { get; } = [Scoped, ScopedOneThread];

    private readonly List<Measurement> _measurements = [];
    private readonly List<string> _checks = [];
    private readonly PhaseRuns _runs = new(Phases, runs, budget, line => console.WriteLine($"[{profile.Name}] {line}"));

    public SizeResult Run()
    {
        var loadBefore = PhaseMeter.LoadAverage();
        string? stoppedBy = null;
        var scale = new Dictionary<string, double> { ["policies"] = summary.Policies, ["pods"] = summary.Pods };
        try
        {
            var cluster = Load();
            scale["rules"] = cluster.NetworkPolicies.Sum(p => p.Ingress.Length + p.Egress.Length);
            for (var run = 1; run <= runs; run++) MeasureRun(cluster, run);
        }
        catch (PhaseStoppedException e)
        {
            stoppedBy = e.Phase;
            Log($"{e.Phase}: n/a (not available: {e.Reason}; the run stopped here)");
        }
        AddMeasurements(stoppedBy);
        _checks.AddRange(_runs.Answers([RulesAnyPod, RulesInputPods, Policies]));
        _checks.Add($"machine load average (1 min) at start {loadBefore:F1}, at end {PhaseMeter.LoadAverage():F1} on {Environment.ProcessorCount} cores");
        return new SizeResult(profile.Name, seed, runs, MachineInfo.Current(), ClusterCounts.From(summary), _checks, _measurements, scale, stoppedBy);
    }

    private void Log(string line) => console.WriteLine($"[{profile.Name}] {line}");

    private Cluster Load()
    {
        var (loaded, sample) = BudgetedPhase.Measure("load", () => ClusterLoader.Load([summary.Directory]), budget);
        Log($"load: {sample.Milliseconds:F0} ms, {loaded.Diagnostics.Length} diagnostics");
        var count = loaded.Cluster.NetworkPolicies.Length;
        _checks.Add(count == summary.Policies
            ? $"NetworkPolicies: loaded {count:N0} = generated"
            : $"NetworkPolicies: MISMATCH, generated {summary.Policies:N0}, loaded {count:N0}");
        return loaded.Cluster;
    }

    private void MeasureRun(Cluster cluster, int run)
    {
        var options = new SmtOptions(AnalysisProfile.Default);
        foreach (var (phase, threads) in new[] { (Scoped, Environment.ProcessorCount), (ScopedOneThread, 1) })
        {
            var answers = _runs.Time(phase, run, () => ScopedQuestions.Ask(cluster, options, threads));
            _runs.Record(RulesAnyPod, DescribeRules([.. answers.RulesForEveryPod.Values.OfType<RuleRedundancy>()]) + Unfinished(answers.RulesForEveryPod.Values));
            _runs.Record(RulesInputPods, DescribeRules([.. answers.RulesForInputPods.Values.OfType<RuleRedundancy>()]) + Unfinished(answers.RulesForInputPods.Values));
            var policies = answers.Policies.Values.OfType<PolicyRedundancy>().ToList();
            _runs.Record(Policies, $"{policies.Count:N0} policies checked, {policies.Count(p => p.IsRedundant):N0} redundant" + Unfinished(answers.Policies.Values));
        }
    }

    private static string Unfinished<T>(IEnumerable<T?> answers) where T : class =>
        answers.Count(a => a is null) is var n and > 0 ? $", {n:N0} unfinished" : "";

    /// <summary>Rules checked, how many are redundant, and why.</summary>
    public static string DescribeRules(IReadOnlyList<RuleRedundancy> rules)
    {
        var byKind = rules.Where(r => r.IsRedundant).GroupBy(r => r.Kind).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count():N0}");
        var redundant = rules.Count(r => r.IsRedundant);
        return $"{rules.Count:N0} rules checked, {redundant:N0} redundant" + (redundant == 0 ? "" : $" ({string.Join(", ", byKind)})");
    }

    private void AddMeasurements(string? stoppedBy)
    {
        _measurements.AddRange(_runs.Measurements(stoppedBy));
        var complete = Enumerable.Range(0, Phases.Min(p => _runs.Samples(p).Count)).ToList();
        _measurements.Add(complete.Count == 0
            ? Measurement.NotAvailable("every phase: CPU time", "ms", "no run finished every phase")
            : Measurement.Of("every phase: CPU time", "ms", complete.Select(i => Phases.Sum(p => _runs.Samples(p)[i].CpuMilliseconds)), "per run, summed"));
    }
}
