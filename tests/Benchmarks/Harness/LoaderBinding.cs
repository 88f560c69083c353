using System.Collections.Immutable;
using System.Reflection;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>What the loader returned, reduced to what the harness reports on.</summary>
internal sealed record LoadOutcome(Cluster Cluster, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Finds <c>ClusterLoader.Load(IReadOnlyList&lt;string&gt;, TextReader?)</c> in the analyzer by
/// reflection, so the harness builds and reports "not available" on a branch where the loader
/// has not landed, and measures it, unchanged, where it has.
/// </summary>
internal sealed class LoaderBinding(MethodInfo load, PropertyInfo cluster, PropertyInfo diagnostics)
{
    public const string TypeName = "PolicyLint.Analyzer.Model.ClusterLoader";

    public static LoaderBinding? TryBind(out string reason)
    {
        var type = typeof(Cluster).Assembly.GetType(TypeName);
        var load = type?.GetMethod("Load", BindingFlags.Public | BindingFlags.Static, [typeof(IReadOnlyList<string>), typeof(TextReader)]);
        var clusterProperty = load?.ReturnType.GetProperty("Cluster");
        var diagnosticsProperty = load?.ReturnType.GetProperty("Diagnostics");
        if (load is null || clusterProperty?.PropertyType != typeof(Cluster) || diagnosticsProperty?.PropertyType != typeof(ImmutableArray<Diagnostic>))
        {
            reason = $"{TypeName}.Load(IReadOnlyList<string>, TextReader?) returning (Cluster, Diagnostics) is not in PolicyLint.Analyzer on this branch";
            return null;
        }
        reason = "";
        return new LoaderBinding(load, clusterProperty, diagnosticsProperty);
    }

    public LoadOutcome Load(IReadOnlyList<string> paths)
    {
        try
        {
            var loaded = load.Invoke(null, [paths, null])!;
            return new LoadOutcome((Cluster)cluster.GetValue(loaded)!, (ImmutableArray<Diagnostic>)diagnostics.GetValue(loaded)!);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
