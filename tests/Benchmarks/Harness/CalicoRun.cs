using System.Globalization;
using System.Text;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The `calico` mode: `report --format json` as a whole process on M and on M-calico (the same
/// cluster plus Calico tiers, GlobalNetworkPolicies and a Calico NetworkPolicy per namespace),
/// median CPU and wall time of N runs each, and their ratio (target ≤ 1.5×). Written as its own
/// section of bench/RESULTS.md between two markers; rendering the rest keeps it.
/// </summary>
internal static class CalicoRun
{
    private const string Begin = "<!-- calico mode: begin -->";
    private static readonly MarkedSection Marks = new(Begin, End);

    private const string End = "<!-- calico mode: end -->";

    public static int Execute(CommandLine command, string root, string outDirectory, TextWriter console)
    {
        CliRunner.Build(root, console);
        if (CliRunner.TryOpen(root, out var reason) is not { } cli)
        {
            console.WriteLine($"the CLI is not available: {reason}");
            return 1;
        }
        var rows = new List<(SizeProfile Profile, GenerationSummary Summary, CliSample Median)>();
        foreach (var profile in new[] { SizeProfile.Medium, SizeProfile.MediumCalico })
        {
            var summary = GeneratedCluster.Ensure(profile, command.Seed, outDirectory, console);
            var samples = new List<CliSample>();
            for (var run = 0; run < command.Runs; run++)
            {
                var output = Path.Combine(outDirectory, $"{profile.Name}-report.json");
                var sample = cli.Execute(["report", summary.Directory, "--format", "json", "-o", output], command.Budget);
                if (sample is null || sample.ExitCode != 0)
                {
                    console.WriteLine($"[{profile.Name}] report failed: {sample?.FirstErrorLine ?? "ran past the budget"}");
                    return 1;
                }
                console.WriteLine($"[{profile.Name}] run {run + 1}: {sample.CpuSeconds:F2} s CPU, {sample.Seconds:F2} s wall, {sample.PeakMb:F0} MB");
                samples.Add(sample);
            }
            rows.Add((profile, summary, Median(samples)));
        }
        var path = command.Results ?? Path.Combine(root, "bench", "RESULTS.md");
        var document = File.Exists(path) ? File.ReadAllText(path) : "";
        File.WriteAllText(path, Marks.Replace(document, Section(rows, command)));
        console.WriteLine($"wrote the Calico section of {path}");
        return 0;
    }

    /// <summary>The new document with the old document's Calico section, when it had one.</summary>
    public static string KeepSection(string oldDocument, string newDocument) => Marks.Keep(oldDocument, newDocument);

    private static CliSample Median(List<CliSample> samples)
    {
        var byCpu = samples.OrderBy(s => s.CpuSeconds).ToList();
        return byCpu[byCpu.Count / 2];
    }

    private static string Section(List<(SizeProfile Profile, GenerationSummary Summary, CliSample Median)> rows, CommandLine command)
    {
        var m = MachineInfo.Current();
        var machine = string.Create(CultureInfo.InvariantCulture, $"{m.Cores} cores, {m.MemoryGb:F1} GB, {m.Runtime}, {m.OperatingSystem}");
        var text = new StringBuilder();
        text.Append(Begin).Append('\n');
        text.Append("## Calico policies (`calico` mode)\n\n");
        text.Append("Written by `dotnet run -c Release --project tests/Benchmarks -- calico [--runs N]`: `policylint report --format json` ");
        text.Append("as a whole process on M and on M-calico, the same cluster plus two Calico tiers, 4 GlobalNetworkPolicies and a ");
        text.Append("Calico NetworkPolicy per namespace (order 500, before the namespace's Kubernetes policies). Target: M-calico ≤ 1.5× M.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{machine}; {m.Date}; seed {command.Seed}; median of {command.Runs} runs by CPU. The machine is shared with other builds: CPU times are the figures to compare.\n\n");
        text.Append("| cluster | policies (all kinds) | CPU | wall | peak |\n|---|---|---|---|---|\n");
        foreach (var (profile, summary, median) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {profile.Name} | {summary.Policies:N0} | {median.CpuSeconds:F2} s | {median.Seconds:F2} s | {median.PeakMb:F0} MB |\n");
        }
        if (rows.Count == 2 && rows[0].Median.CpuSeconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nM-calico / M: {rows[1].Median.CpuSeconds / rows[0].Median.CpuSeconds:F2}× CPU, {rows[1].Median.Seconds / rows[0].Median.Seconds:F2}× wall.\n");
        }
        text.Append('\n').Append(End).Append('\n');
        return text.ToString();
    }
}
