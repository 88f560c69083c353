using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// Feeds the YAML parser: decodes strict UTF-8 (a UTF-8 byte order mark is skipped) and
/// refuses characters YAML does not allow (NUL and other control characters), reporting the
/// exact line and column, so binary junk and invalid UTF-8 become one clear error instead of
/// replacement characters or a confusing parser message further on.
/// </summary>
public sealed class ManifestTextReader : TextReader
{
    private const int ByteBufferSize = 64 * 1024;

    private readonly Stream? _stream;
    private readonly TextReader? _text;
    private readonly byte[] _bytes = [];
    private int _byteStart;
    private int _byteEnd;
    private bool _streamDone;
    private bool _atStart = true;

    // Rented, as the bytes are: a fresh buffer this size per file would be a large object,
    // and large objects are only reclaimed by full collections, which a directory of many
    // files would then trigger again and again.
    private readonly char[] _chars;
    private bool _returned;
    private int _charPos;
    private int _charEnd;

    private int _line = 1;
    private int _column = 1;
    private long _consumed;

    /// <summary>Reads UTF-8 bytes; the stream is owned and disposed by this reader.</summary>
    public ManifestTextReader(Stream stream)
    {
        _stream = stream;
        _bytes = ArrayPool<byte>.Shared.Rent(ByteBufferSize);
        _chars = ArrayPool<char>.Shared.Rent(ByteBufferSize + 4);
    }

    /// <summary>Reads already decoded text (stdin, strings); a leading U+FEFF is skipped.</summary>
    public ManifestTextReader(TextReader text)
    {
        _text = text;
        _chars = ArrayPool<char>.Shared.Rent(ByteBufferSize);
    }

    /// <summary>Characters handed to the parser so far.</summary>
    public long CharactersRead => _consumed;

    public override int Peek()
    {
        if (_charPos == _charEnd && !Fill()) return -1;
        return _chars[_charPos];
    }

    public override int Read()
    {
        if (_charPos == _charEnd && !Fill()) return -1;
        var c = _chars[_charPos++];
        Advance(c);
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_charPos == _charEnd && !Fill()) return 0;
        var n = Math.Min(buffer.Length, _charEnd - _charPos);
        var chunk = _chars.AsSpan(_charPos, n);
        var forbidden = chunk.IndexOfAny(ForbiddenCharacters);
        if (forbidden >= 0)
        {
            // Positions the error exactly: the characters before it are counted one by one.
            for (var i = 0; i <= forbidden; i++) Advance(chunk[i]);
        }
        AdvanceOver(chunk);
        chunk.CopyTo(buffer);
        _charPos += n;
        return n;
    }

    /// <summary>What <see cref="Advance"/> does for each character of a chunk with no forbidden one, counted vectorised.</summary>
    private void AdvanceOver(ReadOnlySpan<char> chunk)
    {
        _consumed += chunk.Length;
        var lastBreak = chunk.LastIndexOf('\n');
        if (lastBreak < 0)
        {
            _column += chunk.Length;
            return;
        }
        _line += chunk.Count('\n');
        _column = chunk.Length - lastBreak;
    }

    private void Advance(char c)
    {
        _consumed++;
        if (c == '\n')
        {
            _line++;
            _column = 1;
            return;
        }
        if (IsForbidden(c)) throw Forbidden(c);
        _column++;
    }

    /// <summary>YAML's c-printable set, minus what the scanner handles itself (tab, CR, LF).</summary>
    private static bool IsForbidden(char c) =>
        (c < 0x20 && c != '\t' && c != '\r') || (c >= 0x7F && c <= 0x9F && c != 0x85) || c == '\uFFFE' || c == '\uFFFF';

    /// <summary>The characters <see cref="IsForbidden"/> refuses, searched for a whole chunk at a time.</summary>
    private static readonly SearchValues<char> ForbiddenCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x10000).Where(c => c != '\n' && IsForbidden((char)c)).Select(c => (char)c).ToArray());

    private ManifestInputException Forbidden(char c) =>
        new(_line, _column, c == '\0'
            ? "found a NUL byte: this is a binary file, not YAML or JSON"
            : $"found the control character U+{(int)c:X4}, which YAML does not allow");

    private bool Fill()
    {
        _charPos = 0;
        _charEnd = _stream is null ? FillFromText() : FillFromStream();
        if (_atStart && _charEnd > 0)
        {
            _atStart = false;
            if (_chars[0] == '\uFEFF') _charPos = 1;
            if (_charPos == _charEnd) return Fill();
        }
        return _charEnd > 0;
    }

    private int FillFromText() => _text!.Read(_chars, 0, _chars.Length);

    private int FillFromStream()
    {
        while (true)
        {
            if (!_streamDone && _byteEnd - _byteStart < 4)
            {
                Buffer.BlockCopy(_bytes, _byteStart, _bytes, 0, _byteEnd - _byteStart);
                _byteEnd -= _byteStart;
                _byteStart = 0;
                var read = _stream!.Read(_bytes, _byteEnd, ByteBufferSize - _byteEnd);
                if (read == 0) _streamDone = true;
                _byteEnd += read;
            }
            if (_byteEnd == _byteStart) return 0;
            var status = Utf8.ToUtf16(
                _bytes.AsSpan(_byteStart, _byteEnd - _byteStart), _chars, out var bytesRead, out var written,
                replaceInvalidSequences: false, isFinalBlock: _streamDone);
            _byteStart += bytesRead;
            if (status == OperationStatus.InvalidData)
            {
                if (written > 0) return written;
                throw InvalidUtf8(_bytes[_byteStart]);
            }
            if (written > 0) return written;
            if (_streamDone) return 0;
        }
    }

    private ManifestInputException InvalidUtf8(byte b) =>
        new(_line, _column, b == 0xFF || b == 0xFE
            ? $"invalid UTF-8 (byte 0x{b:X2}; UTF-16 text is not supported, save the file as UTF-8)"
            : $"invalid UTF-8 (byte 0x{b:X2}): this is a binary file or not UTF-8 text");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A TextReader given to us (stdin) belongs to the caller and stays open.
            _stream?.Dispose();
            // Returned once: a buffer in the pool twice would be handed to two readers.
            if (!_returned)
            {
                if (_stream is not null) ArrayPool<byte>.Shared.Return(_bytes);
                ArrayPool<char>.Shared.Return(_chars);
                _returned = true;
            }
        }
        base.Dispose(disposing);
    }
}
