using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The measurements of one size. Each in-process phase is measured once cold (first call), warmed
/// up, then timed <c>runs</c> times (fewer when one call takes a large share of the budget); the
/// CLI runs <c>runs</c> times as a child process.
/// </summary>
internal sealed partial class SizeMeasurements(
    SizeProfile profile, ulong seed, int runs, TimeSpan budget, GenerationSummary summary, CliRunner? cli, string cliReason, string outDirectory, TextWriter console,
    bool skipLint = false)
{
    private readonly List<Measurement> _measurements = [];
    private readonly List<string> _checks = [];
    private readonly Dictionary<string, double> _scale = new();
    private (string Source, string Destination)? _pair;
    private readonly Dictionary<string, List<double>> _commandCpu = new(StringComparer.Ordinal);

    /// <summary>Measures everything; a phase over the budget ends this size (StoppedBy names it).</summary>
    public SizeResult Run()
    {
        _scale["MB"] = summary.Bytes / 1_048_576.0;
        _scale["namespaces"] = summary.Namespaces;
        _scale["workloads"] = summary.Workloads;
        _scale["pods"] = summary.Pods;
        _scale["policies"] = summary.Policies;
        var loadBefore = PhaseMeter.LoadAverage();
        var stoppedBy = (string?)null;
        try
        {
            MeasureYamlFloor();
            var loaded = MeasureLoad();
            MeasureEngine(loaded);
            // the shapes' own figures first: lint on them may run long enough to stop the size
            if (SizeProfile.Shapes.Contains(profile)) MeasureAgainstPyYaml();
            MeasureCli();
        }
        catch (PhaseStoppedException e)
        {
            stoppedBy = e.Phase;
            NotAvailable(e.Phase, $"{e.Reason}; the run stopped here", "time", "ms");
        }
        _checks.Add($"machine load average (1 min) at start {loadBefore:F1}, at end {PhaseMeter.LoadAverage():F1} on {Environment.ProcessorCount} cores");
        return new SizeResult(profile.Name, seed, runs, MachineInfo.Current(), ClusterCounts.From(summary), _checks, _measurements, _scale, stoppedBy);
    }

    private string BudgetReason => BudgetedPhase.BudgetReason(budget);

    private void Log(string line) => console.WriteLine($"[{profile.Name}] {line}");

    /// <summary>
    /// The first call is kept as the cold figure (JIT at tier 0, as a one-shot CLI run sees it);
    /// then warm-up calls until the tiered JIT has had time to optimise (2 s or 10 calls), then
    /// the timed runs, which are the steady-state figures.
    /// </summary>
    private List<PhaseSample> Repeat<T>(string what, Func<T> phase, out T last, out PhaseSample cold)
    {
        (last, cold) = MeasureWithinBudget(what, phase);
        Log($"{what}: cold {cold.Milliseconds:F0} ms (CPU {cold.CpuMilliseconds:F0} ms)");
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        if (cold.Milliseconds < 10_000)
        {
            for (var call = 0; call < 10 && warmUp.Elapsed < TimeSpan.FromSeconds(2); call++) last = phase();
        }
        var timedRuns = (int)Math.Clamp(budget.TotalMilliseconds / Math.Max(cold.Milliseconds, 1), 1, runs);
        var samples = new List<PhaseSample>(timedRuns);
        for (var run = 1; run <= timedRuns; run++)
        {
            var (result, sample) = MeasureWithinBudget(what, phase);
            last = result;
            samples.Add(sample);
            Log($"{what}: run {run}/{timedRuns} {sample.Milliseconds:F0} ms (CPU {sample.CpuMilliseconds:F0} ms), peak {sample.PeakWorkingSetMb:F0} MB, allocated {sample.AllocatedMb:F0} MB, gen2 {sample.Gen2}");
        }
        return samples;
    }

    private (T Result, PhaseSample Sample) MeasureWithinBudget<T>(string what, Func<T> phase) => BudgetedPhase.Measure(what, phase, budget);

    private void AddPhase(string name, List<PhaseSample> samples, PhaseSample cold, string? note = null)
    {
        _measurements.Add(Measurement.Of($"{name}: first call (cold JIT)", "ms", [cold.Milliseconds], "one sample: the first call in a fresh process"));
        _measurements.Add(Measurement.Of($"{name}: time", "ms", samples.Select(s => s.Milliseconds), note is null ? "steady state" : $"steady state; {note}"));
        _measurements.Add(Measurement.Of($"{name}: CPU time", "ms", samples.Select(s => s.CpuMilliseconds), "all threads of the process, GC included"));
        _measurements.Add(Measurement.Of($"{name}: peak working set", "MB", samples.Select(s => s.PeakWorkingSetMb),
            PhaseMeter.PerPhasePeak ? "high-water mark reset before the phase" : "process peak so far"));
        _measurements.Add(Measurement.Of($"{name}: allocated", "MB", samples.Select(s => s.AllocatedMb)));
        _measurements.Add(Measurement.Of($"{name}: gen2 collections", "count", samples.Select(s => (double)s.Gen2),
            $"on average gen0 {samples.Average(s => s.Gen0):F0}, gen1 {samples.Average(s => s.Gen1):F0}, GC pause {samples.Average(s => s.GcPauseMs):F0} ms"));
    }

    private void AddThroughput(string name, List<PhaseSample> samples)
    {
        var megabytes = summary.Bytes / 1_048_576.0;
        _measurements.Add(Measurement.Of($"{name}: throughput", "MB/s", samples.Select(s => megabytes / (s.Milliseconds / 1000.0)), "wall time"));
        _measurements.Add(Measurement.Of($"{name}: throughput per CPU second", "MB/s", samples.Select(s => megabytes / (s.CpuMilliseconds / 1000.0)), "CPU time"));
    }

    private void MeasureYamlFloor()
    {
        const string name = "YamlDotNet event parse (floor)";
        var samples = Repeat(name, () => YamlParseFloor.ConsumeAllEvents(summary.Files), out var events, out var cold);
        AddPhase(name, samples, cold, $"{events:N0} events");
        AddThroughput(name, samples);
    }

    private LoadedCluster MeasureLoad()
    {
        const string name = "load";
        var samples = Repeat(name, () => ClusterLoader.Load([summary.Directory]), out var loaded, out var cold);
        AddPhase(name, samples, cold, $"ClusterLoader.Load on the directory; {loaded.Diagnostics.Length} diagnostics");
        AddThroughput(name, samples);
        CheckLoaded(loaded);
        return loaded;
    }

    /// <summary>The loader must read back what the generator wrote; a mismatch is reported, not hidden.</summary>
    private void CheckLoaded(LoadedCluster loaded)
    {
        var cluster = loaded.Cluster;
        Compare("namespaces", summary.Namespaces, cluster.Namespaces.Length);
        Compare("workloads", summary.Workloads, cluster.Workloads.Length);
        Compare("pods (replicas, and dumped Pods grouped by owner)", summary.Pods, cluster.Workloads.Sum(w => Math.Max(w.Replicas, w.Pods.Length)));
        Compare("NetworkPolicies", summary.Policies, cluster.NetworkPolicies.Length);
        Compare("Services", summary.Services, cluster.Services.Length);
        Compare("Ingresses", summary.Ingresses, cluster.Ingresses.Length);
        var worst = loaded.Diagnostics.GroupBy(d => d.RuleId).OrderByDescending(g => g.Count()).Take(3)
            .Select(g => $"{g.Key} x{g.Count()} (first: {g.First()})");
        _checks.Add(loaded.Diagnostics.Length == 0
            ? "loader diagnostics: none"
            : $"loader diagnostics: {loaded.Diagnostics.Length}: {string.Join("; ", worst)}");
    }

    private void Compare(string what, int generated, int loaded) =>
        _checks.Add(generated == loaded
            ? $"{what}: loaded {loaded:N0} = generated"
            : $"{what}: MISMATCH, generated {generated:N0}, loaded {loaded:N0}");

    private void MeasureEngine(LoadedCluster loaded)
    {
        var cluster = loaded.Cluster;
        var build = Repeat("engine: build", () => ReachabilityEngine.Build(cluster), out var engine, out var buildCold);
        _scale["classes"] = engine.ClassCount;
        AddPhase("engine: build", build, buildCold, $"ReachabilityEngine.Build: {engine.ClassCount:N0} pod classes, {engine.Peers.Length:N0} peers");

        var matrix = Repeat("engine: matrix", engine.ComputeMatrix, out _, out var matrixCold);
        AddPhase("engine: matrix", matrix, matrixCold, "ReachabilityEngine.ComputeMatrix on the built engine");

        var report = Repeat("engine: full workload matrix", () => ConnectivityQuery.Run(engine), out var connectivity, out var reportCold);
        AddPhase("engine: full workload matrix", report, reportCold,
            $"ConnectivityQuery.Run: matrix plus every peer pair; {connectivity.Count:N0} allowed pairs of {connectivity.Peers.Length:N0} peers");

        MeasurePairQuery(engine, cluster);
        MeasureDependencies(engine, cluster);
    }

    /// <summary>
    /// What the dependency rules add to lint (docs/dependencies.md): extracting every
    /// workload's declared dependencies, and checking them on the built engine (the engine is
    /// built for lint anyway). Compare with `policylint lint` and its run without the two rules.
    /// </summary>
    private void MeasureDependencies(ReachabilityEngine engine, Cluster cluster)
    {
        var extract = Repeat("dependencies: extract", () => DependencyExtractor.Extract(cluster), out var declared, out var extractCold);
        AddPhase("dependencies: extract", extract, extractCold, $"DependencyExtractor.Extract: {declared.Length:N0} declared dependencies");
        var check = Repeat("dependencies: extract and check", () => DependencyCheck.Run(DependencyExtractor.Extract(cluster), () => engine), out var verdicts, out var checkCold);
        var counts = string.Join(", ", verdicts.GroupBy(v => v.StatusText).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count():N0} {g.Key}"));
        AddPhase("dependencies: extract and check", check, checkCold, $"DependencyCheck.Run on the built engine: {counts}");
    }

    /// <summary>can-reach for one fixed pair: the first application workload to cluster DNS on UDP 53.</summary>
    private void MeasurePairQuery(ReachabilityEngine engine, Cluster cluster)
    {
        var source = cluster.Workloads.Where(w => !SystemWorkloads.IsSystem(w.Namespace)).Select(w => engine.FindPeer(w.Id)).OfType<Peer>().FirstOrDefault();
        var destination = engine.Peers.FirstOrDefault(p => p.Id == "kube-system/coredns[Deployment]");
        if (source is null || destination is null)
        {
            NotAvailable("can-reach one pair (engine built)", "the engine has no peer for an application workload or for kube-system/coredns[Deployment]", "time", "ms");
            return;
        }
        _pair = (source.Id, destination.Id);
        var pair = Repeat("can-reach one pair (engine built)",
            () => CanReachQuery.Run(engine, source, destination, Protocol.UDP, 53), out var answer, out var pairCold);
        AddPhase("can-reach one pair (engine built)", pair, pairCold,
            $"CanReachQuery.Run {source.Id} -> {destination.Id} UDP 53: {(answer.Reachable ? "reachable" : "not reachable")}");
        var cold = Repeat("can-reach one pair incl. engine build",
            () => CanReachQuery.Run(ReachabilityEngine.Build(cluster), source, destination, Protocol.UDP, 53), out _, out var withBuildCold);
        AddPhase("can-reach one pair incl. engine build", cold, withBuildCold, "ReachabilityEngine.Build (the whole cluster) then CanReachQuery.Run");
        var lazy = Repeat("can-reach one pair, lazy engine",
            () => new Analysis(cluster, AnalysisProfile.Default).CanReach(source, destination, Protocol.UDP, 53), out var lazyAnswer, out var lazyCold);
        var scope = ReachabilityEngine.ScopeOf(cluster, AnalysisProfile.Default, [source, destination]);
        AddPhase("can-reach one pair, lazy engine", lazy, lazyCold,
            $"Analysis.CanReach on a fresh façade, as `policylint can-reach` does after loading: the engine for the pair's {scope.Namespaces.Count} namespaces " +
            $"({ReachabilityEngine.BuildFor(cluster, AnalysisProfile.Default, scope).ClassCount:N0} pod classes), then the pair; " +
            (lazyAnswer.Reachable == answer.Reachable ? "same answer as the whole engine" : "DIFFERENT ANSWER from the whole engine"));
    }

    private void MeasureCli()
    {
        var report = Path.Combine(outDirectory, $"report-{profile.Name}.json");
        // The report first: it is the figure the M/M-cil comparison needs, and lint (the solver's
        // questions) is the phase most likely to run past the budget on a loaded machine.
        MeasureCommand("policylint report --format json", "report", [ "report", summary.Directory, "--format", "json", "-o", report ]);
        if (skipLint)
        {
            NotAvailable("policylint lint", "not measured in this run (--skip-lint)", "wall time", "s");
            NotAvailable("policylint lint without dependency rules", "not measured in this run (--skip-lint)", "wall time", "s");
            NotAvailable(LintToTheEnd, "not measured in this run (--skip-lint)", "wall time", "s");
        }
        else
        {
            MeasureLint();
        }
        var page = Path.Combine(outDirectory, $"report-{profile.Name}.html");
        MeasureCommand("policylint report --format html", "report", [ "report", summary.Directory, "--format", "html", "-o", page ]);
        if (File.Exists(page))
        {
            _measurements.Add(Measurement.Of("policylint report --format html: file size", "MB", [new FileInfo(page).Length / 1e6], "the self-contained page, data embedded once"));
        }
        if (_pair is { } pair)
        {
            MeasureCommand("policylint can-reach", "can-reach", [ "can-reach", pair.Source, pair.Destination, summary.Directory, "--protocol", "UDP", "--port", "53" ]);
            AddRatio("policylint can-reach / report --format json: CPU time", "policylint can-reach", "policylint report --format json");
        }
        else
        {
            NotAvailable("policylint can-reach", "no pair: the in-process pair query found no peers", "wall time", "s");
        }
    }

    private void MeasureLint()
    {
        MeasureCommand("policylint lint", "lint", [ "lint", summary.Directory, "--format", "json", "--fail-on", "never" ]);
        var withoutDependencies = Path.Combine(outDirectory, "lint-without-dependency-rules.yaml");
        File.WriteAllText(withoutDependencies, "rules:\n  dependency-blocked: off\n  dependency-unresolved: off\n");
        MeasureCommand("policylint lint without dependency rules", "lint",
            [ "lint", summary.Directory, "--format", "json", "--fail-on", "never", "--config", withoutDependencies ]);
        // Issue #16's target: every solver check finished, within 3× the report's CPU time.
        MeasureCommand(LintToTheEnd, "lint", [ "lint", summary.Directory, "--format", "json", "--fail-on", "never", "--solver-total", "86400" ]);
        AddRatio($"{LintToTheEnd} / report --format json: CPU time", LintToTheEnd, "policylint report --format json");
    }

    /// <summary>lint with every rule and no total limit on the solver (the largest --solver-total): how long proving everything takes.</summary>
    private const string LintToTheEnd = "policylint lint, solver without total limit";

    private void MeasureCommand(string name, string command, IReadOnlyList<string> arguments)
    {
        if (_measurements.Any(m => m.Name.StartsWith(name + ": ", StringComparison.Ordinal))) return;
        if (cli is null)
        {
            NotAvailable(name, cliReason, "wall time", "s");
            return;
        }
        if (!cli.HasCommand(command))
        {
            NotAvailable(name, $"policylint --help lists no '{command}' command on this branch", "wall time", "s");
            return;
        }
        MeasureProcess(name, "child process, includes start-up and JIT", () => cli.Execute(arguments, budget));
    }

    /// <summary>Runs a timed child process <c>runs</c> times; null from <paramref name="execute"/> means it ran past the budget.</summary>
    private void MeasureProcess(string name, string note, Func<CliSample?> execute)
    {
        var samples = new List<CliSample>();
        for (var run = 1; run <= runs; run++)
        {
            var sample = execute();
            if (sample is null) throw new PhaseStoppedException(name, BudgetReason);
            Log($"{name}: run {run}/{runs} {sample.Seconds:F2} s (CPU {sample.CpuSeconds:F2} s), peak {sample.PeakMb:F0} MB, exit {sample.ExitCode}");
            if (sample.ExitCode is not (0 or 1))
            {
                NotAvailable(name, $"exit code {sample.ExitCode}: {sample.FirstErrorLine}", "wall time", "s");
                return;
            }
            samples.Add(sample);
        }
        if (name.StartsWith("policylint lint", StringComparison.Ordinal))
        {
            // Every solver rule runs; what it could not prove within --solver-total (default 120 s) is counted, never hidden.
            var unfinished = samples.Max(s => s.UnfinishedSolverChecks);
            note += unfinished == 0 ? "; every solver check finished"
                : name == LintToTheEnd ? $"; {unfinished:N0} solver checks unfinished (over --solver-budget each)"
                : $"; {unfinished:N0} solver checks unfinished within lint's default --solver-total";
        }
        _measurements.Add(Measurement.Of($"{name}: wall time", "s", samples.Select(s => s.Seconds), note));
        _measurements.Add(Measurement.Of($"{name}: CPU time", "s", samples.Select(s => s.CpuSeconds), "user + system, all threads"));
        _commandCpu[name] = samples.Select(s => s.CpuSeconds).ToList();
        _measurements.Add(Measurement.Of($"{name}: peak resident set", "MB", samples.Select(s => s.PeakMb)));
    }

    /// <summary>One command's CPU time over another's, run by run (the target of a pair question against the whole report).</summary>
    private void AddRatio(string name, string part, string whole)
    {
        if (!_commandCpu.TryGetValue(part, out var numerators) || !_commandCpu.TryGetValue(whole, out var denominators))
        {
            NotAvailable(name, $"'{part}' or '{whole}' was not measured", "ratio", "×");
            return;
        }
        _measurements.Add(Measurement.Of(name, "×", numerators.Zip(denominators, (n, d) => n / d), "CPU of the child processes, start-up and loading included"));
    }

    private void NotAvailable(string name, string reason, string quantity, string unit)
    {
        Log($"{name}: n/a (not available: {reason})");
        _measurements.Add(Measurement.NotAvailable($"{name}: {quantity}", unit, reason));
    }
}
