using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The namespaces an engine built for a few peers looks at (docs/architecture.md, "The lazy
/// engine"): only their pods get classes and only their NetworkPolicies are compiled. A
/// NetworkPolicy selects pods of its own namespace only, so the verdict of a pair whose pods
/// all live in these namespaces reads no other NetworkPolicy; cluster policies can select any
/// namespace and are always compiled.
/// </summary>
public sealed record EngineScope(ImmutableSortedSet<string> Namespaces)
{
    public bool Includes(string name) => Namespaces.Contains(name);

    /// <summary>The key under which an engine for this scope can be kept and found again.</summary>
    public string Key => string.Join('\n', Namespaces);
}
