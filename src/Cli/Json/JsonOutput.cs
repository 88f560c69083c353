using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolicyLint.Cli.Json;

/// <summary>
/// Writes indented UTF-8 JSON to a TextWriter. Non-ASCII text is kept readable; the output
/// always ends with a newline.
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Replace("\r\n", "\n"));
        output.Write('\n');
    }
}
