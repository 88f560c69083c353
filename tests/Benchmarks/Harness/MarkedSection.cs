namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// A section of bench/RESULTS.md between two HTML comment markers, written by one mode of the
/// harness: replaced in place when written again, carried over when the rest is rendered.
/// </summary>
internal sealed record MarkedSection(string Begin, string End)
{
    /// <summary>The new text of the document with the old document's section carried over (none: unchanged).</summary>
    public string Keep(string oldDocument, string newDocument) =>
        Extract(oldDocument) is { } section ? With(newDocument, section) : newDocument;

    public string? Extract(string document)
    {
        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return start < 0 || end < start ? null : document[start..(end + End.Length)] + "\n";
    }

    /// <summary>The document with its section replaced by <paramref name="section"/>, or the section appended.</summary>
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
}
