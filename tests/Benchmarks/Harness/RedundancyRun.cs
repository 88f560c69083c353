using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The `redundancy` mode's own steps; <see cref="BenchmarkRun"/> runs each size in a fresh child
/// process as for the other benchmarks. Figures are saved under bench/out, and
/// bench/REDUNDANCY.md is rewritten from every redundancy size measured so far with the seed.
/// </summary>
internal static class RedundancyRun
{
    public static int MeasureOneSize(CommandLine command, string outDirectory, TextWriter console) =>
        BenchmarkRun.MeasureOneSize(command, outDirectory, console, ResultPath,
            (profile, summary) => new RedundancyMeasurements(profile, command.Seed, command.Runs, command.Budget, summary, console).Run());

    public static int Render(CommandLine command, string root, string outDirectory, TextWriter console)
    {
        var results = SizeProfile.Redundancy.Concat(command.Sizes).Distinct()
            .Select(p => SizeResult.TryRead(ResultPath(outDirectory, p.Name, command.Seed))).OfType<SizeResult>().ToList();
        var path = command.Results ?? Path.Combine(root, "bench", "REDUNDANCY.md");
        var previous = File.Exists(path) ? File.ReadAllText(path) : "";
        File.WriteAllText(path, DiffRun.KeepSection(previous, RedundancyDocument.Render(results)));
        console.WriteLine($"wrote {path}");
        return 0;
    }

    private static string ResultPath(string outDirectory, string size, ulong seed) =>
        Path.Combine(outDirectory, $"redundancy-{size}-seed{seed}.json");
}
