using System.Buffers;
using System.Text;

namespace PolicyLint.Cli.Json;

/// <summary>
/// The bytes a <see cref="System.Text.Json.Utf8JsonWriter"/> writes, decoded as UTF-8 into a
/// TextWriter chunk by chunk: the writer hands over what it has written each time it needs more
/// room, so a report of a million connections never sits in memory whole (once as bytes, once
/// as a string). A multi-byte character split between two chunks is completed by the decoder.
/// </summary>
public sealed class TextWriterBufferWriter(TextWriter output) : IBufferWriter<byte>
{
    private const int ChunkSize = 64 * 1024;

    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private byte[] _bytes = new byte[ChunkSize];
    private char[] _chars = new char[ChunkSize];

    public void Advance(int count)
    {
        if (count <= 0) return;
        var needed = _decoder.GetCharCount(_bytes, 0, count, flush: false);
        if (_chars.Length < needed) _chars = new char[needed];
        var written = _decoder.GetChars(_bytes, 0, count, _chars, 0, flush: false);
        output.Write(_chars, 0, written);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint);

    private byte[] Room(int sizeHint)
    {
        if (_bytes.Length < sizeHint) _bytes = new byte[sizeHint];
        return _bytes;
    }
}
