using System.Globalization;
using System.Text;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>bench/RESULTS.md: machine, inputs, one column per size, checks and growth.</summary>
internal static class ResultsDocument
{
    public static string Render(IReadOnlyList<SizeResult> sizes, string growth)
    {
        var text = new StringBuilder();
        text.Append("# PolicyLint benchmark results\n\n");
        text.Append("Written by `dotnet run -c Release --project tests/Benchmarks -- --size S --size M [--runs N] [--seed N]` ");
        text.Append("(see tests/Benchmarks/README.md). Figures are the median over the runs, with [min – max]. ");
        text.Append("\"n/a\" means the code to measure was not there when the harness ran; no figure is estimated. ");
        text.Append("Each size runs in a fresh process. The machine is shared with other jobs: when the load average (under Checks) ");
        text.Append("is above the core count, wall times are inflated and CPU times are the figures to compare.\n\n");
        AppendMachines(text, sizes);
        AppendInputs(text, sizes);
        AppendMeasurements(text, sizes);
        AppendChecks(text, sizes);
        text.Append("## Growth between sizes (log-log slope; 1 = linear, 2 = quadratic)\n\n").Append(growth).Append('\n');
        return text.ToString();
    }

    /// <summary>The per-size table printed on the console.</summary>
    public static string SizeTable(SizeResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Size {result.Size}, seed {result.Seed}, {result.Runs} runs\n");
        text.Append("| measurement | unit | median [min – max] |\n|---|---|---|\n");
        foreach (var m in result.Measurements) text.Append(CultureInfo.InvariantCulture, $"| {m.Name} | {m.Unit} | {Cell(m)} |\n");
        foreach (var check in result.Checks) text.Append("- ").Append(check).Append('\n');
        return text.ToString();
    }

    internal static void AppendMachines(StringBuilder text, IReadOnlyList<SizeResult> sizes, string heading = "##")
    {
        text.Append(heading).Append(" Machine\n\n| size | cores | memory | GC heap limit | .NET | OS | GC | date |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var s in sizes)
        {
            var m = s.Machine;
            text.Append(CultureInfo.InvariantCulture, $"| {s.Size} | {m.Cores} | {m.MemoryGb:F1} GB | {m.GcHeapLimitGb:F1} GB | {m.Runtime} | {m.OperatingSystem} | {m.Gc} | {m.Date} |\n");
        }
        text.Append('\n');
    }

    internal static void AppendInputs(StringBuilder text, IReadOnlyList<SizeResult> sizes, string heading = "##")
    {
        text.Append(heading).Append(" Inputs (generated, seed as listed)\n\n");
        text.Append("| size | seed | runs | files | MB | namespaces | workloads | pods (of which dumped Pod objects) | NetworkPolicies | Services | Ingresses |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var s in sizes)
        {
            var g = s.Generated;
            text.Append(CultureInfo.InvariantCulture,
                $"| {s.Size} | {s.Seed} | {s.Runs} | {g.Files} | {g.Megabytes:F1} | {g.Namespaces:N0} | {g.Workloads:N0} | {g.Pods:N0} ({g.DumpedPods:N0}) | {g.Policies:N0} | {g.Services:N0} | {g.Ingresses:N0} |\n");
        }
        text.Append('\n');
    }

    internal static void AppendMeasurements(StringBuilder text, IReadOnlyList<SizeResult> sizes, string heading = "##")
    {
        text.Append(heading).Append(" Measurements\n\n| measurement | unit |");
        foreach (var s in sizes) text.Append(' ').Append(s.Size).Append(" |");
        text.Append(" notes |\n|---|---|").Append(string.Concat(Enumerable.Repeat("---|", sizes.Count))).Append("---|\n");
        var names = sizes.SelectMany(s => s.Measurements.Select(m => m.Name)).Distinct().ToList();
        foreach (var name in names)
        {
            var unit = sizes.Select(s => s.Find(name)).OfType<Measurement>().First().Unit;
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {unit} |");
            foreach (var s in sizes) text.Append(' ').Append(s.Find(name) is { } m ? Cell(m) : "not run").Append(" |");
            text.Append(' ').Append(Notes(sizes, name)).Append(" |\n");
        }
        text.Append('\n');
    }

    /// <summary>A note shared by every size is printed once; differing notes are prefixed with their size.</summary>
    private static string Notes(IReadOnlyList<SizeResult> sizes, string name)
    {
        var notes = sizes.Select(s => (s.Size, Note: s.Find(name)?.Note)).Where(n => !string.IsNullOrEmpty(n.Note)).ToList();
        return notes.Select(n => n.Note).Distinct().Count() == 1 && notes.Count == sizes.Count
            ? notes[0].Note!
            : string.Join("; ", notes.Select(n => $"{n.Size}: {n.Note}"));
    }

    internal static void AppendChecks(StringBuilder text, IReadOnlyList<SizeResult> sizes, string heading = "##")
    {
        text.Append(heading).Append(" Checks (does the loader read back what the generator wrote?)\n\n");
        foreach (var s in sizes)
        {
            text.Append("- ").Append(s.Size).Append(": ").Append(s.Checks.Count == 0 ? "none (no loader)" : string.Join("; ", s.Checks)).Append('\n');
        }
        text.Append('\n');
    }

    public static string Cell(Measurement m)
    {
        if (!m.IsAvailable) return $"n/a (not available: {m.Unavailable})";
        return m.Samples.Count == 1
            ? Format(m.Median)
            : $"{Format(m.Median)} [{Format(m.Min)} – {Format(m.Max)}]";
    }

    private static string Format(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        >= 1 or 0 => value.ToString("F2", CultureInfo.InvariantCulture),
        _ => value.ToString("G3", CultureInfo.InvariantCulture),
    };
}
