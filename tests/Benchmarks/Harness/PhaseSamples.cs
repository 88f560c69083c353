namespace PolicyLint.Benchmarks.Harness;

/// <summary>The measurements of one in-process phase from its samples: time, CPU time and peak working set, or why it has none.</summary>
internal static class PhaseSamples
{
    public static IEnumerable<Measurement> Describe(string phase, IReadOnlyList<PhaseSample> samples, int runs, TimeSpan budget, string? stoppedBy)
    {
        if (samples.Count == 0)
        {
            var reason = stoppedBy is null ? "not run" : $"the run stopped at '{stoppedBy}': {BudgetedPhase.BudgetReason(budget)} or out of memory";
            yield return Measurement.NotAvailable($"{phase}: time", "ms", reason);
            yield break;
        }
        var note = samples.Count < runs ? $"{samples.Count} of {runs} runs finished" : null;
        yield return Measurement.Of($"{phase}: time", "ms", samples.Select(s => s.Milliseconds), note);
        yield return Measurement.Of($"{phase}: CPU time", "ms", samples.Select(s => s.CpuMilliseconds), "all threads of the process (Z3 included), GC included");
        yield return Measurement.Of($"{phase}: peak working set", "MB", samples.Select(s => s.PeakWorkingSetMb),
            PhaseMeter.PerPhasePeak ? "process high-water mark, reset before the phase (Z3's native memory included)" : "process peak so far");
    }
}
