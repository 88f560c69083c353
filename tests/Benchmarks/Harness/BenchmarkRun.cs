using System.Diagnostics;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// Measures each requested size in a fresh child process of this program (so every size starts
/// with a cold JIT and an empty heap, and its peak memory is its own), saves each size's figures
/// under bench/out, and rewrites bench/RESULTS.md from every size measured so far (in the
/// redundancy mode, bench/REDUNDANCY.md; see <see cref="RedundancyRun"/>).
/// </summary>
internal static class BenchmarkRun
{
    /// <summary>Exit code of a one-size run that stopped because a phase ran past the budget or out of memory.</summary>
    private const int StoppedExitCode = 3;

    public static int Execute(CommandLine command, TextWriter console)
    {
        var root = RepositoryRoot.Find();
        var outDirectory = Path.Combine(root, "bench", "out");
        Directory.CreateDirectory(outDirectory);
        if (command.Render) return RenderDocument(command, root, outDirectory, console);
        if (command.Calico) return CalicoRun.Execute(command, root, outDirectory, console);
        if (command.OneSize)
        {
            if (command.Paths) return PathsRun.MeasureOneSize(command, outDirectory, console);
            if (command.Diff) return DiffRun.MeasureOneSize(command, outDirectory, console);
            return command.Redundancy ? RedundancyRun.MeasureOneSize(command, outDirectory, console) : MeasureOneSize(command, root, outDirectory, console);
        }
        return MeasureEachSize(command, root, outDirectory, console);
    }

    private static int MeasureEachSize(CommandLine command, string root, string outDirectory, TextWriter console)
    {
        if (!command.Redundancy && !command.Paths && !command.Diff) CliRunner.Build(root, console);
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

        return RenderDocument(command, root, outDirectory, console);
    }

    private static int RenderDocument(CommandLine command, string root, string outDirectory, TextWriter console) =>
        command.Paths ? PathsRun.Render(command, root, outDirectory, console)
        : command.Diff ? DiffRun.Render(command, root, outDirectory, console)
        : command.Redundancy ? RedundancyRun.Render(command, root, outDirectory, console) : Render(command, root, outDirectory, console);

    /// <summary>Rewrites RESULTS.md from every size's saved figures for the seed.</summary>
    private static int Render(CommandLine command, string root, string outDirectory, TextWriter console)
    {
        if (command.Sizes.Count > 0 && command.Sizes.All(SizeProfile.Shapes.Contains))
        {
            return ShapesSection.Render(Read(SizeProfile.Shapes, outDirectory, command.Seed), command.Results ?? Path.Combine(root, "bench", "RESULTS.md"), console);
        }
        var all = Read(SizeProfile.All, outDirectory, command.Seed);
        var sweeps = Read(SizeProfile.Sweeps, outDirectory, command.Seed);
        var medium = all.FirstOrDefault(r => r.Size == SizeProfile.Medium.Name);
        var cilium = sweeps.FirstOrDefault(r => r.Size == SizeProfile.MediumCilium.Name);
        // M-cil changes no scale of the growth fit (same classes, same NetworkPolicies): compared apart.
        var growth = GrowthFit.Describe(all) + "\n" + GrowthFit.DescribeSweeps(medium, [.. sweeps.Where(r => r != cilium)]) +
            "\n" + CiliumComparison.Describe(medium, cilium);
        console.WriteLine(growth);
        var resultsPath = command.Results ?? Path.Combine(root, "bench", "RESULTS.md");
        var previous = File.Exists(resultsPath) ? File.ReadAllText(resultsPath) : "";
        File.WriteAllText(resultsPath, CalicoRun.KeepSection(previous, DependencySection.Keep(previous, ShapesSection.Keep(previous, PathsRun.KeepSection(previous, ResultsDocument.Render([.. all, .. sweeps], growth))))));
        console.WriteLine($"wrote {resultsPath}");
        return 0;
    }

    private static int MeasureOneSize(CommandLine command, string root, string outDirectory, TextWriter console)
    {
        var cli = CliRunner.TryOpen(root, out var cliReason);
        return MeasureOneSize(command, outDirectory, console, ResultPath,
            (profile, summary) => new SizeMeasurements(profile, command.Seed, command.Runs, command.Budget, summary, cli, cliReason, outDirectory, console, command.SkipLint).Run());
    }

    /// <summary>
    /// One size of any mode: the generated cluster (made once per size and seed), its measurements,
    /// saved at <paramref name="resultPath"/> for the render step, and its table on the console.
    /// </summary>
    public static int MeasureOneSize(
        CommandLine command, string outDirectory, TextWriter console,
        Func<string, string, ulong, string> resultPath, Func<SizeProfile, GenerationSummary, SizeResult> measure)
    {
        var profile = command.Sizes[0];
        var summary = GeneratedCluster.Ensure(profile, command.Seed, outDirectory, console);
        var result = measure(profile, summary);
        result.Save(resultPath(outDirectory, profile.Name, command.Seed));
        console.WriteLine();
        console.WriteLine(ResultsDocument.SizeTable(result));
        return ExitCode(result);
    }

    /// <summary>What a one-size run exits with: 0, or <see cref="StoppedExitCode"/> when a phase stopped it.</summary>
    public static int ExitCode(SizeResult result) => result.StoppedBy is null ? 0 : StoppedExitCode;

    /// <summary>This program again, in the same mode, with --one-size; its output goes straight to this console.</summary>
    private static int RunChild(CommandLine command, SizeProfile profile)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(BenchmarkRun).Assembly.Location);
        if (command.Redundancy) start.ArgumentList.Add("redundancy");
        if (command.Paths) start.ArgumentList.Add("paths");
        if (command.Diff) start.ArgumentList.Add("diff");
        foreach (var argument in new[]
        {
            "--size", profile.Name, "--runs", command.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", command.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--budget", command.Budget.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--one-size",
        })
        {
            start.ArgumentList.Add(argument);
        }
        if (command.SkipLint) start.ArgumentList.Add("--skip-lint");
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.ExitCode;
    }

    private static List<SizeResult> Read(IEnumerable<SizeProfile> profiles, string outDirectory, ulong seed) =>
        profiles.Select(p => SizeResult.TryRead(ResultPath(outDirectory, p.Name, seed))).OfType<SizeResult>().ToList();

    private static string ResultPath(string outDirectory, string size, ulong seed) =>
        Path.Combine(outDirectory, $"results-{size}-seed{seed}.json");
}
