namespace PolicyLint.Cli.Lint;

/// <summary>
/// The lines of input files, for the text format to show the offending line. Findings come in
/// file and line order, so each file is read forward once, keeping only the current line:
/// memory stays constant even for a 50 MB manifest. Stdin ("-") was buffered by the command
/// before loading. A file that cannot be read any more simply shows no line.
/// </summary>
public sealed class SourceLines(string workingDirectory, string? stdinText) : IDisposable
{
    private string? _file;
    private TextReader? _reader;
    private int _lineNumber;
    private string? _line;

    public string? Line(string file, int line)
    {
        if (line < 1 || file.Length == 0) return null;
        if (file != _file || line < _lineNumber) Open(file);
        while (_reader is not null && _lineNumber < line)
        {
            _line = _reader.ReadLine();
            _lineNumber++;
            if (_line is null) Close();
        }
        return _lineNumber == line ? _line?.TrimEnd('\r') : null;
    }

    public void Dispose() => Close();

    private void Open(string file)
    {
        Close();
        _file = file;
        _lineNumber = 0;
        _line = null;
        _reader = file == "-" ? (stdinText is null ? null : new StringReader(stdinText)) : TryOpen(file);
    }

    private TextReader? TryOpen(string file)
    {
        try
        {
            return new StreamReader(Path.GetFullPath(file, workingDirectory));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private void Close()
    {
        _reader?.Dispose();
        _reader = null;
    }
}
