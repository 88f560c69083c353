namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// Whether the reachability engine and the pair query exist in the analyzer this harness was
/// built against. Until they are wired into the harness, their measurements say why not.
/// </summary>
internal static class EngineBinding
{
    public static string UnavailableReason(string @namespace)
    {
        var present = typeof(PolicyLint.Analyzer.Model.Cluster).Assembly.GetTypes()
            .Any(t => t.IsPublic && t.Namespace == @namespace);
        return present
            ? $"{@namespace} exists but its API is not wired into this harness yet"
            : $"{@namespace} has not landed on this branch";
    }
}
