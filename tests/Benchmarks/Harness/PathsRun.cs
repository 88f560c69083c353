using System.Text;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The `paths` mode (<see cref="PathsMeasurements"/>): each size in a fresh child process as for
/// the other benchmarks, figures saved under bench/out, and the "Attack paths" section of
/// bench/RESULTS.md rewritten from every size measured so far with the seed. The section sits
/// between two markers, and rendering the rest of RESULTS.md keeps it (<see cref="KeepSection"/>).
/// </summary>
internal static class PathsRun
{
    private static readonly MarkedSection Marked = new("<!-- paths mode: begin -->", "<!-- paths mode: end -->");

    public static int MeasureOneSize(CommandLine command, string outDirectory, TextWriter console) =>
        BenchmarkRun.MeasureOneSize(command, outDirectory, console, ResultPath,
            (profile, summary) => new PathsMeasurements(profile, command.Seed, command.Runs, command.Budget, summary, console).Run());

    public static int Render(CommandLine command, string root, string outDirectory, TextWriter console)
    {
        var results = SizeProfile.All.Concat(command.Sizes).Distinct()
            .Select(p => SizeResult.TryRead(ResultPath(outDirectory, p.Name, command.Seed))).OfType<SizeResult>().ToList();
        var path = command.Results ?? Path.Combine(root, "bench", "RESULTS.md");
        var document = File.Exists(path) ? File.ReadAllText(path) : "";
        File.WriteAllText(path, Marked.Replace(document, Section(results)));
        console.WriteLine($"wrote the attack paths section of {path}");
        return 0;
    }

    /// <summary>The new text of RESULTS.md with the old file's paths section carried over (none: unchanged).</summary>
    public static string KeepSection(string oldDocument, string newDocument) => Marked.Keep(oldDocument, newDocument);

    private static string Section(IReadOnlyList<SizeResult> results)
    {
        var text = new StringBuilder();
        text.Append("## Attack paths (`paths` mode)\n\n");
        text.Append("Written by `dotnet run -c Release --project tests/Benchmarks -- paths --size S --size M [--size L] [--runs N]`. ");
        text.Append("Measured after the engine and its matrix (timed above): the exposure view, the workload graph, one blast radius ");
        text.Append("of 3 hops, and every shortest path from {internet} to every sensitive workload. Targets: blast-radius --hops 3 ");
        text.Append("≤ 1 s and all paths from {internet} to every sensitive workload ≤ 5 s on L.\n\n");
        return Marked.Render(text.ToString(), results);
    }

    private static string ResultPath(string outDirectory, string size, ulong seed) =>
        Path.Combine(outDirectory, $"paths-{size}-seed{seed}.json");
}
