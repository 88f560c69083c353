namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// A section of bench/RESULTS.md that one mode writes between two markers: replaced in place when
/// present, appended otherwise, and kept when another mode rewrites the rest of the document.
/// </summary>
internal sealed record MarkedSection(string Begin, string End)
{
    /// <summary>The section of <paramref name="document"/> with its markers, or null when it has none.</summary>
    public string? Extract(string document)
    {
        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return start < 0 || end < start ? null : document[start..(end + End.Length)] + "\n";
    }

    /// <summary>The document with <paramref name="section"/> in place of its marked section, or appended.</summary>
    public string With(string document, string section)
    {
        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (start >= 0 && end > start)
        {
            var after = end + End.Length;
            if (after < document.Length && document[after] == '\n') after++;
            return document[..start] + section + document[after..];
        }
        return document.TrimEnd('\n') + "\n\n" + section;
    }

    /// <summary>The new document with the old document's section, when it had one.</summary>
    public string Keep(string oldDocument, string newDocument) =>
        Extract(oldDocument) is { } section ? With(newDocument, section) : newDocument;
}
