using System.Text;

namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// Writes <see cref="YamlNode"/> trees in block style the way kubectl does (sequence items at
/// the indentation of their key), with "\n" line ends whatever the platform.
/// </summary>
internal static class YamlEmitter
{
    public static void WriteDocument(TextWriter writer, YamlNode root)
    {
        writer.Write("---\n");
        var builder = new StringBuilder();
        WriteNode(builder, root, indent: 0);
        writer.Write(builder.ToString());
    }

    private static void WriteNode(StringBuilder output, YamlNode node, int indent)
    {
        switch (node)
        {
            case YamlMap map: WriteMap(output, map, indent, firstLinePrefixed: false); break;
            case YamlSequence sequence: WriteSequence(output, sequence, indent); break;
            case YamlScalar scalar: output.Append(' ', indent).Append(Format(scalar)).Append('\n'); break;
        }
    }

    /// <summary>firstLinePrefixed: the caller already wrote "- " for the first entry.</summary>
    private static void WriteMap(StringBuilder output, YamlMap map, int indent, bool firstLinePrefixed)
    {
        var first = true;
        foreach (var (key, value) in map.Entries)
        {
            if (!(first && firstLinePrefixed)) output.Append(' ', indent);
            first = false;
            output.Append(FormatKey(key)).Append(':');
            WriteValueAfterKey(output, value, indent);
        }
    }

    private static void WriteValueAfterKey(StringBuilder output, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalar scalar:
                output.Append(' ').Append(Format(scalar)).Append('\n');
                break;
            case YamlMap { Entries.Count: 0 }:
                output.Append(" {}\n");
                break;
            case YamlSequence { Items.Count: 0 }:
                output.Append(" []\n");
                break;
            case YamlMap map:
                output.Append('\n');
                WriteMap(output, map, indent + 2, firstLinePrefixed: false);
                break;
            case YamlSequence sequence:
                output.Append('\n');
                WriteSequence(output, sequence, indent);
                break;
        }
    }

    private static void WriteSequence(StringBuilder output, YamlSequence sequence, int indent)
    {
        foreach (var item in sequence.Items)
        {
            output.Append(' ', indent).Append("- ");
            switch (item)
            {
                case YamlScalar scalar: output.Append(Format(scalar)).Append('\n'); break;
                case YamlMap { Entries.Count: 0 }: output.Append("{}\n"); break;
                case YamlMap map: WriteMap(output, map, indent + 2, firstLinePrefixed: true); break;
                case YamlSequence { Items.Count: 0 }: output.Append("[]\n"); break;
                case YamlSequence nested:
                    output.Append('\n');
                    WriteSequence(output, nested, indent + 2);
                    break;
            }
        }
    }

    private static string FormatKey(string key) => NeedsQuotes(key) ? Quote(key) : key;

    private static string Format(YamlScalar scalar) => scalar.Plain || !NeedsQuotes(scalar.Text) ? scalar.Text : Quote(scalar.Text);

    /// <summary>Text that a YAML 1.1 or 1.2 reader would take as something other than this string.</summary>
    internal static bool NeedsQuotes(string text)
    {
        if (text.Length == 0) return true;
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return true;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(text[0])) return true;
        if (text.Contains(": ") || text.Contains(" #") || text.EndsWith(':')) return true;
        // YAML 1.1 reads 1:20 as a base-60 number.
        if (text.Contains(':') && text.All(c => char.IsAsciiDigit(c) || c is ':' or '.' or '_')) return true;
        if (LooksLikeNumber(text)) return true;
        return text.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~";
    }

    private static bool LooksLikeNumber(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        || text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("0o", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith('.');

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
