using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The attack-path queries of one size, after the matrix: load, engine and matrix are computed
/// once and not timed here (RESULTS.md times them); then, each measured once cold and then
/// <c>runs</c> times: the exposure view's entry points, the workload graph built from the
/// matrix's pairs, one blast radius of 3 hops (from the first application workload that is an
/// internet entry), and every shortest path (limit 1000, 6 hops) from {internet} to every
/// workload the built-in sensitive selectors match (the generator's tier=db and tier=cache).
/// </summary>
internal sealed class PathsMeasurements(SizeProfile profile, ulong seed, int runs, TimeSpan budget, GenerationSummary summary, TextWriter console)
{
    public const string Entries = "paths: entry points (exposure view)";
    public const string Graph = "paths: workload graph from the matrix pairs";
    public const string Radius = "paths: blast-radius --hops 3 (graph built)";
    public const string Sensitive = "paths: {internet} to every sensitive workload (graph built)";

    private readonly List<Measurement> _measurements = [];
    private readonly List<string> _checks = [];

    public SizeResult Run()
    {
        var loadBefore = PhaseMeter.LoadAverage();
        string? stoppedBy = null;
        try
        {
            Measure(ClusterLoader.Load([summary.Directory]).Cluster);
        }
        catch (PhaseStoppedException e)
        {
            stoppedBy = e.Phase;
            _measurements.Add(Measurement.NotAvailable($"{e.Phase}: time", "ms", $"{e.Reason}; the run stopped here"));
        }
        _checks.Add($"machine load average (1 min) at start {loadBefore:F1}, at end {PhaseMeter.LoadAverage():F1} on {Environment.ProcessorCount} cores");
        var scale = new Dictionary<string, double> { ["workloads"] = summary.Workloads, ["pods"] = summary.Pods };
        return new SizeResult(profile.Name, seed, runs, MachineInfo.Current(), ClusterCounts.From(summary), _checks, _measurements, scale, stoppedBy);
    }

    private void Measure(Cluster cluster)
    {
        var engine = ReachabilityEngine.Build(cluster);
        var pairs = engine.ComputeMatrix().Pairs().ToList();
        Log($"matrix: {pairs.Count:N0} allowed pairs");
        var entryPoints = Time(Entries, () => EntryPointQuery.Run(engine), r => $"EntryPointQuery.Run: {r.Length:N0} entry points");
        var graph = Time(Graph, () => WorkloadGraph.Build(engine.Peers, pairs, entryPoints),
            g => $"WorkloadGraph.Build: {g.Workloads.Length:N0} workloads, {g.EdgeCount:N0} edges, {g.Entries.Length:N0} internet entries");
        var source = graph.Entries.Select(e => e.Workload).FirstOrDefault(w => !SystemWorkloads.IsSystem(w.Workload.Namespace)) ?? graph.Workloads.FirstOrDefault();
        if (source is null)
        {
            _measurements.Add(Measurement.NotAvailable($"{Radius}: time", "ms", "the graph has no workload"));
            return;
        }
        Time(Radius, () => BlastRadiusQuery.Run(graph, source, 3),
            r => $"BlastRadiusQuery.Run from {source.Id}: {r.CountAt(1):N0} / {r.CountAt(2):N0} / {r.CountAt(3):N0} workloads at 1 / 2 / 3 hops");
        var sensitive = graph.Workloads.Where(w => SensitiveWorkloads.Default.Matches(w.Workload))
            .Select(w => (w.Id, (IReadOnlyCollection<WorkloadPeer>)[w])).ToList();
        Time(Sensitive, () => PathsQuery.FromInternetToEach(engine, graph, sensitive),
            r => $"PathsQuery.FromInternetToEach, 6 hops, limit 1000: {sensitive.Count:N0} sensitive workloads, {r.Count(p => p.Found):N0} reachable, " +
                 $"{r.Sum(p => p.Paths.Length):N0} paths listed ({r.Count(p => p.Truncated):N0} cut), " +
                 $"hops {(r.Any(p => p.Found) ? $"{r.Where(p => p.Found).Min(p => p.Hops)}–{r.Where(p => p.Found).Max(p => p.Hops)}" : "none")}");
    }

    private T Time<T>(string name, Func<T> phase, Func<T, string> describe)
    {
        var (result, cold) = BudgetedPhase.Measure(name, phase, budget);
        Log($"{name}: cold {cold.Milliseconds:F0} ms");
        var samples = new List<PhaseSample>();
        for (var run = 1; run <= runs; run++)
        {
            var (again, sample) = BudgetedPhase.Measure(name, phase, budget);
            result = again;
            samples.Add(sample);
            Log($"{name}: run {run}/{runs} {sample.Milliseconds:F0} ms (CPU {sample.CpuMilliseconds:F0} ms), peak {sample.PeakWorkingSetMb:F0} MB");
        }
        _measurements.Add(Measurement.Of($"{name}: first call (cold JIT)", "ms", [cold.Milliseconds], "one sample: the first call in a fresh process"));
        _measurements.Add(Measurement.Of($"{name}: time", "ms", samples.Select(s => s.Milliseconds), describe(result)));
        _measurements.Add(Measurement.Of($"{name}: CPU time", "ms", samples.Select(s => s.CpuMilliseconds), "all threads of the process, GC included"));
        _measurements.Add(Measurement.Of($"{name}: allocated", "MB", samples.Select(s => s.AllocatedMb)));
        return result;
    }

    private void Log(string line) => console.WriteLine($"[{profile.Name} paths] {line}");
}
