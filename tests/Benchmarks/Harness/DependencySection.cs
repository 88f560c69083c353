namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The "Declared dependencies (lint on L)" section of bench/RESULTS.md is written by hand from a
/// harness run (it compares two lint runs and the in-process phases); rendering the rest of the
/// document keeps it, between its two markers, at the end.
/// </summary>
internal static class DependencySection
{
    private const string Begin = "<!-- dependencies: begin -->";
    private const string End = "<!-- dependencies: end -->";

    public static string Keep(string oldDocument, string newDocument)
    {
        var start = oldDocument.IndexOf(Begin, StringComparison.Ordinal);
        var end = oldDocument.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start || newDocument.Contains(Begin, StringComparison.Ordinal)) return newDocument;
        return newDocument.TrimEnd('\n') + "\n\n" + oldDocument[start..(end + End.Length)] + "\n";
    }
}
