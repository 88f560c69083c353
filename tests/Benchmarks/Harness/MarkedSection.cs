using System.Text;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// A section of a results document between two HTML comment markers, written by one mode of
/// the harness and carried over when another mode rewrites the rest of the document.
/// </summary>
internal sealed record MarkedSection(string Begin, string End)
{
    /// <summary>The new document with the old document's section carried over (none: unchanged).</summary>
    public string Keep(string oldDocument, string newDocument) =>
        Extract(oldDocument) is { } section ? Replace(newDocument, section) : newDocument;

    public string? Extract(string document)
    {
        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return start < 0 || end < start ? null : document[start..(end + End.Length)] + "\n";
    }

    /// <summary>The document with its section replaced by <paramref name="section"/>, or with it appended.</summary>
    public string Replace(string document, string section)
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

    /// <summary>
    /// The section: its markers around <paramref name="introduction"/> (heading and text), then
    /// every size's machine and measurements tables and checks, or "Not measured yet."
    /// </summary>
    public string Render(string introduction, IReadOnlyList<SizeResult> results)
    {
        var text = new StringBuilder();
        text.Append(Begin).Append('\n').Append(introduction);
        if (results.Count == 0)
        {
            text.Append("Not measured yet.\n\n");
        }
        else
        {
            var tables = new StringBuilder();
            ResultsDocument.AppendMachines(tables, results);
            ResultsDocument.AppendMeasurements(tables, results);
            text.Append(tables.ToString().Replace("## ", "### ", StringComparison.Ordinal));
            foreach (var r in results) text.Append("- ").Append(r.Size).Append(": ").Append(string.Join("; ", r.Checks)).Append('\n');
            text.Append('\n');
        }
        text.Append(End).Append('\n');
        return text.ToString();
    }
}
