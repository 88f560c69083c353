using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Cli.Diff;

/// <summary>Wording shared by the people formats (text and md).</summary>
public static class DiffText
{
    public static string Verb(ConnectionChangeKind kind) => kind switch
    {
        ConnectionChangeKind.Added => "added",
        ConnectionChangeKind.Removed => "removed",
        _ => "changed",
    };

    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"added TCP 443; removed TCP 80": what changed inside a pair that is allowed on both sides.</summary>
    public static string Within(ConnectionChange change)
    {
        var parts = new List<string>(2);
        if (!change.Added.IsEmpty) parts.Add($"added {change.Added}");
        if (!change.Removed.IsEmpty) parts.Add($"removed {change.Removed}");
        return string.Join("; ", parts);
    }

    public static string Verb(EntryPointChangeKind kind) => kind switch
    {
        EntryPointChangeKind.Opened => "opened",
        EntryPointChangeKind.Closed => "closed",
        _ => "changed",
    };

    /// <summary>"NodePort Service shop/web 30080/TCP via every node": which entry point.</summary>
    public static string EntryPoint(EntryPointChange change) =>
        $"{change.Entry.Kind} {change.Entry.Object} {change.Entry.PortText} via {change.Entry.Via}";

    /// <summary>Who gets through on one side: "nobody outside the cluster" when the entry point is closed or absent.</summary>
    public static string OpenTo(EntryPoint? entry) => entry is null ? "nobody outside the cluster (no such entry point)" : EntryPointText.Sources(entry);

    /// <summary>The sentence about pods not in the manifests, or null when there is nothing to say.</summary>
    public static string? BeyondManifests(BeyondManifestsCheck check) => check.Verdict switch
    {
        BeyondManifestsVerdict.AffectsPodsBeyondManifests =>
            $"this change also affects pods not in the manifests, for example: {check.Witness} " +
            $"({Allowed(check.AllowedBefore)} before, {Allowed(check.AllowedAfter)} after)",
        BeyondManifestsVerdict.Unavailable => $"not checked: the solver could not answer ({check.Reason})",
        BeyondManifestsVerdict.Skipped when check.Reason != BeyondManifestsCheck.TurnedOff => $"not checked: {check.Reason}",
        _ => null,
    };

    private static string Allowed(bool allowed) => allowed ? "allowed" : "denied";

}
