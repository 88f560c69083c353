using System.Text.Json.Serialization;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// One measured quantity over several runs, or the reason it could not be measured.
/// Samples are never made up: an unavailable measurement has none.
/// </summary>
internal sealed record Measurement(string Name, string Unit, List<double> Samples, string? Unavailable = null, string? Note = null)
{
    public static Measurement Of(string name, string unit, IEnumerable<double> samples, string? note = null) =>
        new(name, unit, samples.ToList(), null, note);

    public static Measurement NotAvailable(string name, string unit, string reason) => new(name, unit, [], reason);

    [JsonIgnore]
    public bool IsAvailable => Unavailable is null && Samples.Count > 0;

    [JsonIgnore]
    public double Median
    {
        get
        {
            var sorted = Samples.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    [JsonIgnore]
    public double Min => Samples.Min();
    [JsonIgnore]
    public double Max => Samples.Max();
}

/// <summary>What one in-process phase cost: wall and CPU time (all threads, GC included), peak working set and GC activity.</summary>
internal sealed record PhaseSample(double Milliseconds, double CpuMilliseconds, double PeakWorkingSetMb, double AllocatedMb, int Gen0, int Gen1, int Gen2, double GcPauseMs);
