namespace PolicyLint.Benchmarks.Generation;

internal static class GenerationReport
{
    public static string Describe(GenerationSummary summary) =>
        $"{summary.Files.Count} files, {summary.Bytes / 1_048_576.0:F1} MB in {summary.Directory}: " +
        $"{summary.Namespaces} namespaces, {summary.Workloads} workloads, {summary.Pods} pods " +
        $"({summary.DumpedPods} as dumped Pod objects), {summary.Policies} NetworkPolicies, " +
        $"{summary.Services} Services, {summary.Ingresses} Ingresses";
}
