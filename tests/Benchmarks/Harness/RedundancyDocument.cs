using System.Globalization;
using System.Text;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>bench/REDUNDANCY.md: machine, inputs, one column per size, answers, and which phase costs the most CPU.</summary>
internal static class RedundancyDocument
{
    public static string Render(IReadOnlyList<SizeResult> sizes)
    {
        var text = new StringBuilder();
        text.Append("# SMT redundancy check: benchmark\n\n");
        text.Append("Written by `dotnet run -c Release --project tests/Benchmarks -- redundancy --size R100 --size R1000 [--runs N]` ");
        text.Append("(see tests/Benchmarks/README.md). Each size runs in a fresh process; every run asks every solver question of the lint ");
        text.Append("rules as `lint` does (`ScopedQuestions.Ask`: one encoding per namespace scope, Z3, `AnalysisProfile.Default`), on both cores, ");
        text.Append("then on one thread. Figures are the median over the runs, ");
        text.Append("with [min – max]; run 1 includes the JIT. \"n/a\" means the phase did not finish (the reason is given); no figure is estimated. ");
        text.Append("The machine is shared with other jobs: when the load average (under Answers and checks) is above the core count, ");
        text.Append("wall times are inflated and **CPU time is the figure to compare**.\n\n");
        ResultsDocument.AppendMachines(text, sizes);
        ResultsDocument.AppendInputs(text, sizes);
        ResultsDocument.AppendMeasurements(text, sizes);
        AppendChecks(text, sizes);
        AppendDominant(text, sizes);
        return text.ToString();
    }

    private static void AppendChecks(StringBuilder text, IReadOnlyList<SizeResult> sizes)
    {
        text.Append("## Answers and checks\n\n");
        foreach (var s in sizes)
        {
            var rules = s.Scale.TryGetValue("rules", out var count) ? $" ({count:N0} NetworkPolicy rules)" : "";
            text.Append(CultureInfo.InvariantCulture, $"- {s.Size}{rules}: {string.Join("; ", s.Checks)}\n");
        }
        text.Append('\n');
    }

    /// <summary>Each phase's share of the median CPU time of a whole run, largest first.</summary>
    private static void AppendDominant(StringBuilder text, IReadOnlyList<SizeResult> sizes)
    {
        text.Append("## Where the CPU time goes (share of the sum of the phases' median CPU times)\n\n");
        foreach (var s in sizes)
        {
            var phases = RedundancyMeasurements.Phases
                .Select(p => (Phase: p, Cpu: s.Find($"{p}: CPU time")))
                .Where(p => p.Cpu is { IsAvailable: true })
                .Select(p => (p.Phase, Median: p.Cpu!.Median))
                .ToList();
            var total = phases.Sum(p => p.Median);
            text.Append("- ").Append(s.Size).Append(": ");
            text.Append(phases.Count == 0 || total <= 0
                ? "no phase finished"
                : string.Join(", ", phases.OrderByDescending(p => p.Median).Select(p => $"{p.Phase} {100 * p.Median / total:F0}%")));
            if (phases.Count < RedundancyMeasurements.Phases.Count) text.Append(" (not every phase finished)");
            text.Append('\n');
        }
        text.Append('\n');
    }
}
