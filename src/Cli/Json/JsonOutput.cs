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
        NewLine = "\n",
    };

    /// <summary>Streams the JSON into <paramref name="output"/> as it is written (<see cref="TextWriterBufferWriter"/>).</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(new TextWriterBufferWriter(output), Options))
        {
            write(writer);
        }
        output.Write('\n');
    }
}
