namespace PolicyLint.Analyzer.Manifests;

/// <summary>Text that is not YAML at all (invalid UTF-8, control characters), with its position.</summary>
public sealed class ManifestInputException(int line, int column, string reason) : Exception(reason)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}
