using System.Globalization;
using System.Text;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// How cost grows with size: the log-log slope of a measurement's median against a scale
/// (MB, policies, workloads, pods) between consecutive sizes. 1 is linear, 2 quadratic.
/// </summary>
internal static class GrowthFit
{
    private static readonly string[] Metrics =
    [
        "YamlDotNet event parse (floor): time",
        "load: time",
        "load: peak working set",
        "engine: full workload matrix: time",
        "engine: full workload matrix: peak working set",
        "policylint lint: wall time",
        "policylint report --format json: wall time",
    ];

    private static readonly string[] Scales = ["MB", "policies", "workloads", "pods", "classes"];

    public static double Slope(double x1, double y1, double x2, double y2) => Math.Log(y2 / y1) / Math.Log(x2 / x1);

    public static string Describe(IReadOnlyList<SizeResult> sizes)
    {
        var text = new StringBuilder();
        if (sizes.Count < 2)
        {
            return "Growth: needs at least two sizes measured with the same seed.\n";
        }
        var pairs = sizes.Zip(sizes.Skip(1)).ToList();
        text.Append("| measurement | against |");
        foreach (var (a, b) in pairs) text.Append(CultureInfo.InvariantCulture, $" slope {a.Size}→{b.Size} |");
        text.Append('\n').Append("|---|---|").Append(string.Concat(Enumerable.Repeat("---|", pairs.Count))).Append('\n');
        foreach (var metric in Metrics)
        {
            foreach (var scale in Scales)
            {
                var cells = pairs.Select(p => Cell(p.First, p.Second, metric, scale)).ToList();
                if (cells.All(c => c is null)) continue;
                text.Append(CultureInfo.InvariantCulture, $"| {metric} | {scale} |");
                foreach (var cell in cells) text.Append(' ').Append(cell ?? "n/a").Append(" |");
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static string? Cell(SizeResult a, SizeResult b, string metric, string scale)
    {
        var (ma, mb) = (a.Find(metric), b.Find(metric));
        if (ma is not { IsAvailable: true } || mb is not { IsAvailable: true }) return null;
        if (!a.Scale.TryGetValue(scale, out var xa) || !b.Scale.TryGetValue(scale, out var xb) || xa <= 0 || xb <= 0 || xa == xb) return null;
        if (ma.Median <= 0 || mb.Median <= 0) return null;
        return Slope(xa, ma.Median, xb, mb.Median).ToString("F2", CultureInfo.InvariantCulture);
    }
}
