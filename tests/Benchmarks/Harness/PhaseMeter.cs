using System.Diagnostics;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// Times one phase and reads its peak resident memory. On Linux the kernel's high-water mark
/// (VmHWM) is reset before the phase by writing 5 to /proc/self/clear_refs, so the peak is the
/// phase's own (on top of what was already resident); elsewhere it is the process's peak so far.
/// </summary>
internal static class PhaseMeter
{
    public static bool PerPhasePeak { get; } = TryResetPeak();

    public static (T Result, PhaseSample Sample) Measure<T>(Func<T> phase)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        TryResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause = GC.GetTotalPauseDuration();
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = phase();
        watch.Stop();
        self.Refresh();
        var sample = new PhaseSample(
            watch.Elapsed.TotalMilliseconds,
            (self.TotalProcessorTime - cpu).TotalMilliseconds,
            PeakWorkingSetBytes() / 1_048_576.0,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_048_576.0,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds);
        return (result, sample);
    }

    /// <summary>The 1-minute load average: how busy the shared machine was (Linux only).</summary>
    public static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException or NotSupportedException)
        {
            return false;
        }
    }

    private static long PeakWorkingSetBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        using var current = Process.GetCurrentProcess();
        return current.PeakWorkingSet64;
    }
}
