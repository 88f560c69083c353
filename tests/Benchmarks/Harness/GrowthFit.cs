using System.Globalization;
using System.Text;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// How cost grows with size: the log-log slope of a measurement's median against a scale
/// (MB of YAML, policies, pods, pod classes) between consecutive sizes; 1 is linear, 2 quadratic.
/// The generated sizes grow every scale at once, by different factors, so the slopes against
/// different scales are the same two points read on different axes: the scale whose slope is
/// closest to a small integer is the likelier driver, not a proven one.
/// </summary>
internal static class GrowthFit
{
    private static readonly string[] Metrics =
    [
        "YamlDotNet event parse (floor): CPU time",
        "load: CPU time",
        "load: allocated",
        "load: peak working set",
        "engine: build: CPU time",
        "engine: matrix: CPU time",
        "engine: matrix: allocated",
        "engine: full workload matrix: CPU time",
        "engine: full workload matrix: allocated",
        "can-reach one pair (engine built): CPU time",
        "can-reach one pair incl. engine build: CPU time",
        "can-reach one pair, lazy engine: CPU time",
        "policylint lint: CPU time",
        "policylint lint: peak resident set",
        "policylint report --format json: CPU time",
        "policylint report --format json: peak resident set",
        "policylint can-reach: CPU time",
    ];

    private static readonly string[] Scales = ["MB", "policies", "pods", "classes"];

    public static double Slope(double x1, double y1, double x2, double y2) => Math.Log(y2 / y1) / Math.Log(x2 / x1);

    public static string Describe(IReadOnlyList<SizeResult> sizes)
    {
        if (sizes.Count < 2) return "Growth: needs at least two sizes measured with the same seed.\n";
        var pairs = sizes.Zip(sizes.Skip(1)).ToList();
        var text = new StringBuilder("| measurement |");
        foreach (var (a, b) in pairs)
        {
            foreach (var scale in Scales) text.Append(CultureInfo.InvariantCulture, $" {a.Size}→{b.Size} vs {scale} |");
        }
        text.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---|", pairs.Count * Scales.Length))).Append('\n');
        text.Append("| (growth factor of the scale) |");
        foreach (var (a, b) in pairs)
        {
            foreach (var scale in Scales) text.Append(' ').Append(Factor(a, b, scale)).Append(" |");
        }
        text.Append('\n');
        foreach (var metric in Metrics)
        {
            var cells = pairs.SelectMany(p => Scales.Select(scale => Cell(p.First, p.Second, metric, scale))).ToList();
            if (cells.All(c => c is null)) continue;
            text.Append(CultureInfo.InvariantCulture, $"| {metric} |");
            foreach (var cell in cells) text.Append(' ').Append(cell ?? "n/a").Append(" |");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Slopes from the one-factor sweeps: M-p4 → M changes only the policy count, M-w2 → M only
    /// the workloads (so the pod classes); each slope is then attributable to that one scale.
    /// </summary>
    public static string DescribeSweeps(SizeResult? medium, IReadOnlyList<SizeResult> sweeps)
    {
        var columns = sweeps.Select(s => (Sweep: s, Scale: s.Size.EndsWith("-p4", StringComparison.Ordinal) ? "policies" : "classes")).ToList();
        if (medium is null || columns.Count == 0) return "One-factor sweeps: run `--size M-p4 --size M-w2` after M to separate policies from classes.\n";
        var text = new StringBuilder("One-factor sweeps around M (slope against the one scale that changed):\n\n| measurement |");
        foreach (var (sweep, scale) in columns) text.Append(CultureInfo.InvariantCulture, $" {sweep.Size}→M vs {scale} |");
        text.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---|", columns.Count))).Append("\n| (growth factor of the scale) |");
        foreach (var (sweep, scale) in columns) text.Append(' ').Append(Factor(sweep, medium, scale)).Append(" |");
        text.Append('\n');
        foreach (var metric in Metrics)
        {
            var cells = columns.Select(c => Cell(c.Sweep, medium, metric, c.Scale)).ToList();
            if (cells.All(c => c is null)) continue;
            text.Append(CultureInfo.InvariantCulture, $"| {metric} |");
            foreach (var cell in cells) text.Append(' ').Append(cell ?? "n/a").Append(" |");
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Factor(SizeResult a, SizeResult b, string scale) =>
        a.Scale.TryGetValue(scale, out var xa) && b.Scale.TryGetValue(scale, out var xb) && xa > 0
            ? "×" + (xb / xa).ToString("F1", CultureInfo.InvariantCulture)
            : "n/a";

    private static string? Cell(SizeResult a, SizeResult b, string metric, string scale)
    {
        var (ma, mb) = (a.Find(metric), b.Find(metric));
        if (ma is not { IsAvailable: true } || mb is not { IsAvailable: true }) return null;
        if (!a.Scale.TryGetValue(scale, out var xa) || !b.Scale.TryGetValue(scale, out var xb) || xa <= 0 || xb <= 0 || xa == xb) return null;
        if (ma.Median <= 0 || mb.Median <= 0) return null;
        return Slope(xa, ma.Median, xb, mb.Median).ToString("F2", CultureInfo.InvariantCulture);
    }
}
