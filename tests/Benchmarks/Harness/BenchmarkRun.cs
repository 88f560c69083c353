using System.Diagnostics;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// Runs every measurement for each requested size, saves each size's figures under bench/out,
/// and rewrites bench/RESULTS.md from every size measured so far.
/// </summary>
internal static class BenchmarkRun
{
    public static int Execute(CommandLine command, TextWriter console)
    {
        var root = RepositoryRoot.Find();
        var outDirectory = Path.Combine(root, "bench", "out");
        Directory.CreateDirectory(outDirectory);
        var cli = CliRunner.TryBuild(root, out var cliReason);
        if (cli is null) console.WriteLine($"CLI: {cliReason}");

        foreach (var profile in command.Sizes)
        {
            var summary = GeneratedCluster.Ensure(profile, command.Seed, outDirectory, console);
            var result = new SizeMeasurements(profile, command.Seed, command.Runs, command.Budget, summary, cli, cliReason, outDirectory, console).Run();
            result.Save(ResultPath(outDirectory, profile.Name, command.Seed));
            console.WriteLine();
            console.WriteLine(ResultsDocument.SizeTable(result));
            if (result.StoppedBy is not null)
            {
                console.WriteLine($"[{profile.Name}] stopped: {result.StoppedBy} ran past the budget; larger sizes are not run.");
                break;
            }
        }

        var all = SizeProfile.All
            .Select(p => SizeResult.TryRead(ResultPath(outDirectory, p.Name, command.Seed)))
            .OfType<SizeResult>()
            .ToList();
        var growth = GrowthFit.Describe(all);
        console.WriteLine(growth);
        var resultsPath = command.Results ?? Path.Combine(root, "bench", "RESULTS.md");
        File.WriteAllText(resultsPath, ResultsDocument.Render(all, growth));
        console.WriteLine($"wrote {resultsPath}");
        return 0;
    }

    private static string ResultPath(string outDirectory, string size, ulong seed) =>
        Path.Combine(outDirectory, $"results-{size}-seed{seed}.json");
}
