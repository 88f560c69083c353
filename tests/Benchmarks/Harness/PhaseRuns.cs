namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The repeated runs of one size's in-process phases: each call timed within the budget, the
/// answers each question gets (they must not depend on the run: each distinct answer is kept and
/// shown), and the measurements made of the samples.
/// </summary>
internal sealed class PhaseRuns(IReadOnlyList<string> phases, int runs, TimeSpan budget, Action<string> log)
{
    private readonly Dictionary<string, List<PhaseSample>> _samples = phases.ToDictionary(p => p, _ => new List<PhaseSample>());
    private readonly Dictionary<string, HashSet<string>> _answers = new();

    public IReadOnlyList<PhaseSample> Samples(string phase) => _samples[phase];

    public T Time<T>(string phase, int run, Func<T> call)
    {
        var (result, sample) = BudgetedPhase.Measure(phase, call, budget);
        _samples[phase].Add(sample);
        log($"run {run}/{runs} {phase}: {sample.Milliseconds:F0} ms (CPU {sample.CpuMilliseconds:F0} ms), peak {sample.PeakWorkingSetMb:F0} MB");
        return result;
    }

    public void Record(string question, string answer)
    {
        if (!_answers.TryGetValue(question, out var seen)) _answers[question] = seen = [];
        if (seen.Add(answer)) log($"{question}: {answer}");
    }

    /// <summary>One line per question asked, in the order given.</summary>
    public IEnumerable<string> Answers(IEnumerable<string> questions)
    {
        foreach (var question in questions)
        {
            if (!_answers.TryGetValue(question, out var seen)) continue;
            yield return seen.Count == 1
                ? $"{question}: {seen.First()}"
                : $"{question}: ANSWERS DIFFER BETWEEN RUNS: {string.Join(" / ", seen)}";
        }
    }

    /// <summary>Time, CPU time and peak working set of every phase, or why a phase has none.</summary>
    public IEnumerable<Measurement> Measurements(string? stoppedBy)
    {
        foreach (var phase in phases)
        {
            var samples = _samples[phase];
            if (samples.Count == 0)
            {
                var reason = stoppedBy is null ? "not run" : $"the run stopped at '{stoppedBy}': {BudgetedPhase.BudgetReason(budget)} or out of memory";
                yield return Measurement.NotAvailable($"{phase}: time", "ms", reason);
                continue;
            }
            var note = samples.Count < runs ? $"{samples.Count} of {runs} runs finished" : null;
            yield return Measurement.Of($"{phase}: time", "ms", samples.Select(s => s.Milliseconds), note);
            yield return Measurement.Of($"{phase}: CPU time", "ms", samples.Select(s => s.CpuMilliseconds), "all threads of the process (Z3 included), GC included");
            yield return Measurement.Of($"{phase}: peak working set", "MB", samples.Select(s => s.PeakWorkingSetMb),
                PhaseMeter.PerPhasePeak ? "process high-water mark, reset before the phase (Z3's native memory included)" : "process peak so far");
        }
    }
}
