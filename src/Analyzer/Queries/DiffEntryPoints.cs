using System.Collections.Immutable;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Analyzer.Queries;

public enum EntryPointChangeKind
{
    /// <summary>Not exposed before (closed, or no such entry point), exposed now.</summary>
    Opened,

    /// <summary>Exposed before, not now (closed, or the entry point is gone).</summary>
    Closed,

    /// <summary>Exposed on both sides, but to other addresses, with another openness or through other backends.</summary>
    Changed,
}

/// <summary>
/// An entry point from outside whose exposure differs. Before/After are the entry point on each
/// side, null when it does not exist there. Entry points are matched by kind, object, where they
/// listen (Via), protocol and port, never by file position.
/// </summary>
public sealed record EntryPointChange(EntryPoint? Before, EntryPoint? After)
{
    public EntryPoint Entry => After ?? Before!;

    public EntryPointChangeKind Kind =>
        Before is not { IsExposed: true } ? EntryPointChangeKind.Opened
        : After is not { IsExposed: true } ? EntryPointChangeKind.Closed
        : EntryPointChangeKind.Changed;
}

/// <summary>Entry points opened, closed and changed between two engines (see <see cref="EntryPointQuery"/>).</summary>
internal static class DiffEntryPoints
{
    public static ImmutableArray<EntryPointChange> Compare(ReachabilityEngine before, ReachabilityEngine after)
    {
        var old = Index(EntryPointQuery.Run(before));
        var current = Index(EntryPointQuery.Run(after));
        var changes = new List<EntryPointChange>();
        foreach (var (key, was) in old)
        {
            var now = current.GetValueOrDefault(key);
            if (Differs(was, now)) changes.Add(new EntryPointChange(was, now));
        }
        foreach (var (key, now) in current)
        {
            if (!old.ContainsKey(key) && now.IsExposed) changes.Add(new EntryPointChange(null, now));
        }
        return [.. changes.OrderBy(c => c.Kind).ThenBy(c => KeyOf(c.Entry), StringComparer.Ordinal)];
    }

    private static bool Differs(EntryPoint was, EntryPoint? now)
    {
        if (now is null) return was.IsExposed;
        if (!was.IsExposed && !now.IsExposed) return false;
        return was.IsExposed != now.IsExposed
            || was.Openness != now.Openness
            || !was.Admitted.Equals(now.Admitted)
            || !Accepting(was).SetEquals(Accepting(now));
    }

    private static HashSet<string> Accepting(EntryPoint entry) =>
        entry.Backends.Where(b => b.Accepts).Select(b => b.Target.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The entry points by key; of two with one key (the same port listed twice) the first counts.</summary>
    private static Dictionary<string, EntryPoint> Index(ImmutableArray<EntryPoint> entries)
    {
        var index = new Dictionary<string, EntryPoint>(StringComparer.Ordinal);
        foreach (var entry in entries) index.TryAdd(KeyOf(entry), entry);
        return index;
    }

    private static string KeyOf(EntryPoint entry) =>
        $"{entry.Kind}|{entry.Object}|{entry.Via}|{entry.Protocol}|{entry.PortText}";
}
