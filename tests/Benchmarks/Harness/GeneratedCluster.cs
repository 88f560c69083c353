using System.Diagnostics;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// Generated files are cached in bench/out/SIZE-seedN, keyed by the generator's fingerprint.
/// The cache's own files sit beside that folder, not in it, so the loader reads only manifests.
/// </summary>
internal static class GeneratedCluster
{
    public static GenerationSummary Ensure(SizeProfile profile, ulong seed, string outDirectory, TextWriter console)
    {
        var directory = Path.Combine(outDirectory, $"{profile.Name}-seed{seed}");
        var stamp = directory + ".generated";
        var summaryPath = directory + ".summary.json";
        var fingerprint = Fingerprint(profile);
        if (File.Exists(stamp) && File.ReadAllText(stamp) == fingerprint)
        {
            var cached = System.Text.Json.JsonSerializer.Deserialize<GenerationSummary>(File.ReadAllText(summaryPath));
            if (cached is not null)
            {
                console.WriteLine($"[{profile.Name}] using cached {GenerationReport.Describe(cached)}");
                return cached;
            }
        }
        var watch = Stopwatch.StartNew();
        var summary = ClusterGenerator.Generate(profile, seed, directory);
        console.WriteLine($"[{profile.Name}] generated in {watch.Elapsed.TotalSeconds:F1} s: {GenerationReport.Describe(summary)}");
        File.WriteAllText(summaryPath, System.Text.Json.JsonSerializer.Serialize(summary));
        File.WriteAllText(stamp, fingerprint);
        return summary;
    }

    /// <summary>The generator's own assembly version id changes with every build of different code, so stale caches are regenerated.</summary>
    private static string Fingerprint(SizeProfile profile) =>
        $"{profile}|{typeof(ClusterGenerator).Assembly.ManifestModule.ModuleVersionId}";
}
