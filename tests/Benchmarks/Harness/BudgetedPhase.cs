namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// Measures one call of a phase on a background thread and gives up after the budget: the
/// thread is left behind (the run then ends and the process exits), since a computation cannot
/// be stopped safely.
/// </summary>
internal static class BudgetedPhase
{
    public static string BudgetReason(TimeSpan budget) => $"did not finish within the budget of {budget.TotalSeconds:F0} s";

    public static (T Result, PhaseSample Sample) Measure<T>(string what, Func<T> phase, TimeSpan budget)
    {
        (T, PhaseSample)? outcome = null;
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try { outcome = PhaseMeter.Measure(phase); }
            catch (Exception e) { failure = e; }
        }, maxStackSize: 64 * 1024 * 1024) { IsBackground = true, Name = what };
        worker.Start();
        if (!worker.Join(budget)) throw new PhaseStoppedException(what, BudgetReason(budget));
        if (failure is OutOfMemoryException)
        {
            throw new PhaseStoppedException(what, $"out of memory (GC heap limit {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1_073_741_824.0:F1} GB)");
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return outcome!.Value;
    }
}
