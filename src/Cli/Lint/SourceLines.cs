namespace PolicyLint.Cli.Lint;

/// <summary>
/// The lines of input files, read on demand and once each, so the text format can show the
/// offending line. Stdin ("-") was buffered by the command before loading. A file that cannot
/// be read any more simply shows no line.
/// </summary>
public sealed class SourceLines(string workingDirectory, string? stdinText)
{
    private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);

    public string? Line(string file, int line)
    {
        if (line < 1 || file.Length == 0) return null;
        if (!_files.TryGetValue(file, out var lines))
        {
            lines = Read(file);
            _files[file] = lines;
        }
        return lines is not null && line <= lines.Length ? lines[line - 1] : null;
    }

    private string[]? Read(string file)
    {
        if (file == "-") return stdinText is null ? null : Split(stdinText);
        try
        {
            return Split(File.ReadAllText(Path.GetFullPath(file, workingDirectory)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static string[] Split(string text) => text.Replace("\r\n", "\n").Split('\n');
}
