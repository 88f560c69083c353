using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// An endpoint of a connection as users see it: a workload, a range of addresses outside the
/// cluster, or the ingress controller. Id is the connlist spelling and identifies the peer.
/// </summary>
public abstract record Peer
{
    public abstract string Id { get; }

    public sealed override string ToString() => Id;
}

/// <summary>
/// A workload: <c>ns/name[Kind]</c>; or, when policies, Services or ipBlocks tell the pods of one
/// owner apart (they fall into several pod classes), one part of it: the pods of one class
/// (<see cref="Part"/>), named after them as netpol-analyzer names a pod, <c>ns/pod[Pod]</c>, or
/// <c>ns/{pod-a,pod-b}[Pod]</c> for several (docs/split-workloads.md).
/// </summary>
public sealed record WorkloadPeer(Workload Workload) : Peer
{
    /// <summary>The pods this peer stands for when it is one part of a split owner (ordinal by name); default for the whole workload.</summary>
    public ImmutableArray<Pod> Part { get; init; }

    public bool IsPart => !Part.IsDefault;

    /// <summary>The pods this peer stands for: its part, or every pod of the workload.</summary>
    public ImmutableArray<Pod> Pods => IsPart ? Part : Workload.Pods;

    // Ids are keys everywhere (sorting, grouping, JSON); built once per peer, not per use. The
    // cache remembers what it was built from, so a copy made by `with` never reuses a stale id.
    private PeerId? _id;

    public override string Id
    {
        get
        {
            var part = ImmutableCollectionsMarshal.AsArray(Part);
            if (_id is { } id && ReferenceEquals(id.Of, Workload) && ReferenceEquals(id.Detail, part)) return id.Text;
            var text = IsPart ? PartId(Workload.Namespace, Part) : Workload.Id;
            _id = new PeerId(Workload, part, text);
            return text;
        }
    }

    /// <summary>One part of <paramref name="workload"/>: the given pods, ordinal by name.</summary>
    public static WorkloadPeer PartOf(Workload workload, IEnumerable<Pod> pods) =>
        new(workload) { Part = [.. pods.OrderBy(p => p.Name, StringComparer.Ordinal)] };

    private static string PartId(string ns, ImmutableArray<Pod> pods) => pods.Length == 1
        ? $"{ns}/{pods[0].Name}[{nameof(WorkloadKind.Pod)}]"
        : $"{ns}/{{{string.Join(",", pods.Select(p => p.Name))}}}[{nameof(WorkloadKind.Pod)}]";

    public bool Equals(WorkloadPeer? other) => other is not null && other.Id == Id;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);
}

/// <summary>
/// Addresses outside the cluster: one or more disjoint ranges, printed
/// <c>a.b.c.d-e.f.g.h[External]</c> (several ranges joined by <c>,</c>); a range of one address
/// is printed as that address, unless <see cref="SingleAddressAsRange"/> asks for
/// netpol-analyzer's <c>8.8.8.8-8.8.8.8</c>.
/// </summary>
public sealed record ExternalPeer(IpSet Addresses) : Peer
{
    public const string Suffix = "[External]";

    /// <summary>Print a one-address range as <c>a-a</c>, as netpol-analyzer does (its profile sets this).</summary>
    public bool SingleAddressAsRange { get; init; }

    private PeerId? _id;

    public override string Id
    {
        get
        {
            var spelling = SingleAddressAsRange ? Spelling.Ranges : Spelling.Compact;
            if (_id is { } id && ReferenceEquals(id.Of, Addresses) && ReferenceEquals(id.Detail, spelling)) return id.Text;
            var text = (SingleAddressAsRange ? Addresses.ToString() : Addresses.ToCompactString()) + Suffix;
            _id = new PeerId(Addresses, spelling, text);
            return text;
        }
    }

    // Equal peers are equal whatever their id cache holds.
    public bool Equals(ExternalPeer? other) =>
        other is not null && SingleAddressAsRange == other.SingleAddressAsRange && Addresses.Equals(other.Addresses);

    public override int GetHashCode() => HashCode.Combine(Addresses, SingleAddressAsRange);

    /// <summary>The two spellings of an id, as objects the cache can compare by reference.</summary>
    private static class Spelling
    {
        public static readonly object Ranges = new();
        public static readonly object Compact = new();
    }
}

/// <summary>A peer's id with what it was built from (compared by reference): one object, so a racing reader sees all or nothing.</summary>
internal sealed record PeerId(object Of, object? Detail, string Text);

/// <summary>The source of traffic entering through an Ingress or a Route: <c>{ingress-controller}</c>.</summary>
public sealed record IngressControllerPeer : Peer
{
    public const string Name = "{ingress-controller}";

    public static IngressControllerPeer Instance { get; } = new();

    public override string Id => Name;
}
