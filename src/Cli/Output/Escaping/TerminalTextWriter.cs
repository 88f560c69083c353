using System.Text;

namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// A writer for plain-text output (stderr, the text report, connlist, can-reach and diff text)
/// that passes each complete line through <see cref="TerminalText.Line"/>: whatever a
/// formatter interpolates, every line it writes stays one line, free of escape sequences, and
/// never a workflow command. Dispose (or Flush) writes a last unterminated line; the inner
/// writer is not disposed.
/// </summary>
public sealed class TerminalTextWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n') EndLine();
        else _line.Append(value);
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        var start = 0;
        for (var newline = value.IndexOf('\n'); newline >= 0; newline = value.IndexOf('\n', start))
        {
            _line.Append(value, start, newline - start);
            EndLine();
            start = newline + 1;
        }
        _line.Append(value, start, value.Length - start);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(TerminalText.Line(_line.ToString()));
            _line.Clear();
        }
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private void EndLine()
    {
        inner.Write(TerminalText.Line(_line.ToString()));
        inner.Write('\n');
        _line.Clear();
    }
}
