using System.Text;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The `diff` mode (<see cref="DiffMeasurements"/>): each size in a fresh child process as for the
/// other benchmarks, figures saved under bench/out, and the "diff's solver check" section of
/// bench/REDUNDANCY.md rewritten from every size measured so far with the seed. The section sits
/// between two markers, and rendering the rest of REDUNDANCY.md keeps it (<see cref="KeepSection"/>).
/// </summary>
internal static class DiffRun
{
    private static readonly MarkedSection Marked = new("<!-- diff mode: begin -->", "<!-- diff mode: end -->");

    public static int MeasureOneSize(CommandLine command, string outDirectory, TextWriter console) =>
        BenchmarkRun.MeasureOneSize(command, outDirectory, console, ResultPath,
            (profile, summary) => new DiffMeasurements(profile, command.Seed, command.Runs, command.Budget, summary, console).Run());

    public static int Render(CommandLine command, string root, string outDirectory, TextWriter console)
    {
        var results = SizeProfile.All.Concat(SizeProfile.Redundancy).Concat(command.Sizes).Distinct()
            .Select(p => SizeResult.TryRead(ResultPath(outDirectory, p.Name, command.Seed))).OfType<SizeResult>().ToList();
        var path = command.Results ?? Path.Combine(root, "bench", "REDUNDANCY.md");
        var document = File.Exists(path) ? File.ReadAllText(path) : "";
        File.WriteAllText(path, Marked.Replace(document, Section(results)));
        console.WriteLine($"wrote the diff section of {path}");
        return 0;
    }

    /// <summary>The new text of REDUNDANCY.md with the old file's diff section carried over (none: unchanged).</summary>
    public static string KeepSection(string oldDocument, string newDocument) => Marked.Keep(oldDocument, newDocument);

    private static string Section(IReadOnlyList<SizeResult> results)
    {
        var text = new StringBuilder();
        text.Append("## diff's solver check: changed scopes against whole clusters (`diff` mode)\n\n");
        text.Append("Written by `dotnet run -c Release --project tests/Benchmarks -- diff --size M [--runs N]`. ");
        text.Append("The generated cluster against itself with one change: one NetworkPolicy of one namespace given an extra ingress rule, ");
        text.Append("or one AdminNetworkPolicy (on both sides) turned from Allow to Deny. The check is asked as `diff` asks it (30 s limit per ");
        text.Append("solver check, readable witnesses) of the changed scopes only (`ComparisonScope`, docs/diff.md) and of both whole clusters; ");
        text.Append("the whole `diff` query (both engines, connections, entry points, dependencies, scoped check) is timed for the ");
        text.Append("NetworkPolicy change. A check over the limit is the verdict `unavailable`, and its time is what `diff` spends on it. ");
        text.Append("**CPU time is the figure to compare** when the load average is above the core count.\n\n");
        return Marked.Render(text.ToString(), results);
    }

    private static string ResultPath(string outDirectory, string size, ulong seed) =>
        Path.Combine(outDirectory, $"diff-{size}-seed{seed}.json");
}
