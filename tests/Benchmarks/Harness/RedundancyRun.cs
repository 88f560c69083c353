using System.Diagnostics;
using System.Globalization;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The `redundancy` mode: like <see cref="BenchmarkRun"/>, each size in a fresh child process
/// of this program, figures saved under bench/out, and bench/REDUNDANCY.md rewritten from every
/// size measured so far with the seed.
/// </summary>
internal static class RedundancyRun
{
    private const int StoppedExitCode = 3;

    public static int Execute(CommandLine command, TextWriter console)
    {
        var root = RepositoryRoot.Find();
        var outDirectory = Path.Combine(root, "bench", "out");
        Directory.CreateDirectory(outDirectory);
        return command.OneSize ? MeasureOneSize(command, outDirectory, console) : MeasureEachSize(command, root, outDirectory, console);
    }

    private static int MeasureEachSize(CommandLine command, string root, string outDirectory, TextWriter console)
    {
        foreach (var profile in command.Sizes)
        {
            var exitCode = RunChild(command, profile);
            if (exitCode == StoppedExitCode)
            {
                console.WriteLine($"[{profile.Name}] stopped early; larger sizes are not run.");
                break;
            }
            if (exitCode != 0)
            {
                console.WriteLine($"[{profile.Name}] the measuring process failed with exit code {exitCode}");
                return exitCode;
            }
        }
        var results = SizeProfile.Redundancy.Concat(command.Sizes).Distinct()
            .Select(p => SizeResult.TryRead(ResultPath(outDirectory, p.Name, command.Seed))).OfType<SizeResult>().ToList();
        var path = command.Results ?? Path.Combine(root, "bench", "REDUNDANCY.md");
        File.WriteAllText(path, RedundancyDocument.Render(results));
        console.WriteLine($"wrote {path}");
        return 0;
    }

    private static int MeasureOneSize(CommandLine command, string outDirectory, TextWriter console)
    {
        var profile = command.Sizes[0];
        var summary = GeneratedCluster.Ensure(profile, command.Seed, outDirectory, console);
        var result = new RedundancyMeasurements(profile, command.Seed, command.Runs, command.Budget, summary, console).Run();
        result.Save(ResultPath(outDirectory, profile.Name, command.Seed));
        console.WriteLine();
        console.WriteLine(ResultsDocument.SizeTable(result));
        return result.StoppedBy is null ? 0 : StoppedExitCode;
    }

    private static int RunChild(CommandLine command, SizeProfile profile)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(RedundancyRun).Assembly.Location);
        foreach (var argument in new[]
        {
            "redundancy", "--size", profile.Name, "--runs", command.Runs.ToString(CultureInfo.InvariantCulture),
            "--seed", command.Seed.ToString(CultureInfo.InvariantCulture),
            "--budget", command.Budget.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--one-size",
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.ExitCode;
    }

    public static string ResultPath(string outDirectory, string size, ulong seed) =>
        Path.Combine(outDirectory, $"redundancy-{size}-seed{seed}.json");
}
