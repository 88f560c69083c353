using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// The namespaces a question about one pair of workloads needs read in full; the workloads,
/// NetworkPolicies, Services, Ingresses, ConfigMaps and ServiceAccounts of every other namespace
/// may be skipped unread
/// (<see cref="DocumentPrescan"/>, docs/can-reach.md "Reading only what the pair needs").
/// <paramref name="DefaultNamespace"/> is where an object that names no namespace goes, as
/// the loader places it.
/// </summary>
public sealed record NamespaceFocus(ImmutableSortedSet<string> Namespaces, string DefaultNamespace)
{
    public bool Includes(string ns) => Namespaces.Contains(ns);
}

/// <summary>
/// What a focused load skipped: how many objects, the owners (namespace, name) that the
/// ownerReferences of skipped objects name, and the label keys and address blocks of skipped
/// NetworkPolicies, so the caller can tell whether a workload it did read might have been
/// grouped or split differently had the skipped objects been read.
/// </summary>
public sealed record SkippedObjects(int Count, ImmutableHashSet<(string Namespace, string Name)> Owners)
{
    /// <summary>The label keys the selectors of skipped NetworkPolicies and Services may read.</summary>
    public ImmutableHashSet<string> LabelKeys { get; init; } = [];

    /// <summary>The address blocks (cidr and except, as written) skipped NetworkPolicies name.</summary>
    public ImmutableHashSet<string> AddressBlocks { get; init; } = [];

    public static SkippedObjects None { get; } = new(0, []);
}
