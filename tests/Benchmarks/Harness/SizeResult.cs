using System.Text.Json;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>Inputs of one size: what was generated, and what the loader made of it.</summary>
internal sealed record ClusterCounts(
    int Files, long Bytes, int Namespaces, int Workloads, int Pods, int DumpedPods, int Policies, int Services, int Ingresses)
{
    public static ClusterCounts From(GenerationSummary s) =>
        new(s.Files.Count, s.Bytes, s.Namespaces, s.Workloads, s.Pods, s.DumpedPods, s.Policies, s.Services, s.Ingresses);

    [System.Text.Json.Serialization.JsonIgnore]
    public double Megabytes => Bytes / 1_048_576.0;
}

/// <summary>All measurements of one size, kept as JSON under bench/out so RESULTS.md can list every size run so far.</summary>
internal sealed record SizeResult(
    string Size,
    ulong Seed,
    int Runs,
    MachineInfo Machine,
    ClusterCounts Generated,
    List<string> Checks,
    List<Measurement> Measurements,
    Dictionary<string, double> Scale,
    string? StoppedBy)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public Measurement? Find(string name) => Measurements.FirstOrDefault(m => m.Name == name);

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options));

    public static SizeResult? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SizeResult>(File.ReadAllText(path), Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
