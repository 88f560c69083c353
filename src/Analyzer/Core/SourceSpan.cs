namespace PolicyLint.Analyzer.Core;

/// <summary>
/// Where something stands in the input: the file path exactly as the user gave it
/// (relative stays relative, "-" for stdin), and a 1-based line and column.
/// </summary>
public sealed record SourceSpan(string File, int Line, int Column) : IComparable<SourceSpan>
{
    /// <summary>For objects made by the tool itself (implicit namespaces, defaults).</summary>
    public static SourceSpan None { get; } = new("", 0, 0);

    public bool IsKnown => Line > 0;

    public int CompareTo(SourceSpan? other)
    {
        if (other is null) return 1;
        var byFile = string.CompareOrdinal(File, other.File);
        if (byFile != 0) return byFile;
        var byLine = Line.CompareTo(other.Line);
        return byLine != 0 ? byLine : Column.CompareTo(other.Column);
    }

    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : File;
}
