using System.Globalization;
using System.Text;
using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The cost of the Cilium layer: M-cil (M plus Cilium policies) against M, whose files are
/// otherwise byte-identical, for the commands the issue sets a target on (at most 1.5 times
/// M's `report --format json`).
/// </summary>
internal static class CiliumComparison
{
    public const double Target = 1.5;

    private static readonly string[] Metrics =
    [
        "policylint report --format json: CPU time",
        "policylint report --format json: wall time",
        "policylint report --format json: peak resident set",
        "policylint lint: CPU time",
    ];

    public static string Describe(SizeResult? medium, SizeResult? cilium)
    {
        if (medium is null || cilium is null)
        {
            return $"Cilium layer: run `--size {SizeProfile.Medium.Name} --size {SizeProfile.MediumCilium.Name}` to compare M with and without Cilium policies.\n";
        }
        var text = new StringBuilder($"Cilium layer ({SizeProfile.MediumCilium.Name} = {SizeProfile.Medium.Name} plus Cilium policies; target: report at most {Target.ToString("F1", CultureInfo.InvariantCulture)}× of {SizeProfile.Medium.Name}):\n\n");
        text.Append($"| measurement | {SizeProfile.Medium.Name} | {SizeProfile.MediumCilium.Name} | ratio |\n|---|---|---|---|\n");
        foreach (var metric in Metrics)
        {
            var (m, c) = (medium.Find(metric), cilium.Find(metric));
            if (m is not { IsAvailable: true } || c is not { IsAvailable: true } || m.Median <= 0) continue;
            var ratio = (c.Median / m.Median).ToString("F2", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"| {metric} | {m.Median:G3} {m.Unit} | {c.Median:G3} {c.Unit} | ×{ratio} |\n");
        }
        return text.ToString();
    }
}
