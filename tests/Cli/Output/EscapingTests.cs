using System.Xml;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.Tests.Output;

/// <summary>Each sink's escaping, fed every nasty character class (see <see cref="NastyText"/>).</summary>
public class EscapingTests
{
    [Theory]
    [MemberData(nameof(NastyText.Cases), MemberType = typeof(NastyText))]
    public void Terminal_text_is_one_line_without_escape_sequences_and_never_a_workflow_command(string name, string text)
    {
        _ = name;
        NastyText.AssertNoInvisible(TerminalText.Value(text));
        foreach (var line in new[] { TerminalText.Line(text), TerminalText.Line("  " + text) })
        {
            NastyText.AssertNoInvisible(line);
            Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal), line);
            Assert.False(line.TrimStart().StartsWith("##[", StringComparison.Ordinal), line);
        }
    }

    [Fact]
    public void Terminal_escapes_are_readable()
    {
        Assert.Equal("a\\x1b[31mb\\n\\u202e", TerminalText.Value("a\u001b[31mb\n\u202E"));
        Assert.Equal("\\x3a:error::x", TerminalText.Line("::error::x"));
        Assert.Equal("  \\x23#[error]x", TerminalText.Line("  ##[error]x"));
        Assert.Equal("a\tb", TerminalText.SourceLine("a\tb"));
        Assert.Equal("plain text: unchanged", TerminalText.Line("plain text: unchanged"));
    }

    [Fact]
    public void The_terminal_writer_escapes_each_line_and_keeps_line_breaks()
    {
        var inner = new StringWriter();
        using (var writer = new TerminalTextWriter(inner))
        {
            writer.Write("one \u001b[2J");
            writer.Write("two\n::error::x\nlast");
            writer.WriteLine();
            writer.Write("tail");
        }
        Assert.Equal("one \\x1b[2Jtwo\n\\x3a:error::x\nlast\ntail", inner.ToString());
    }

    [Theory]
    [MemberData(nameof(NastyText.Cases), MemberType = typeof(NastyText))]
    public void Markdown_code_and_text_stay_in_one_cell_and_render_nothing(string name, string text)
    {
        _ = name;
        foreach (var cell in new[] { MarkdownText.Code(text), MarkdownText.Text(text) })
        {
            NastyText.AssertNoInvisible(cell);
            Assert.DoesNotMatch(@"(?<!\\)\|", cell);
        }
        var code = MarkdownText.Code(text);
        var fence = code.TakeWhile(c => c == '`').Count();
        Assert.True(fence >= 1);
        Assert.EndsWith(new string('`', fence), code);
        Assert.DoesNotContain(new string('`', fence), code[fence..^fence]);
        var free = MarkdownText.Text(text);
        Assert.DoesNotContain("<", free);
        Assert.DoesNotContain("](", free.Replace("\\](", ""));
        Assert.DoesNotMatch("@[A-Za-z0-9]", free);
        Assert.DoesNotMatch(@"(?<!\\)`", free);
    }

    [Fact]
    public void Markdown_keeps_ordinary_text_as_it_was()
    {
        Assert.Equal("`shop/web[Deployment]`", MarkdownText.Code("shop/web[Deployment]"));
        Assert.Equal("`` a`b ``", MarkdownText.Code("a`b"));
        Assert.Equal("spec.ingress[0] -&gt; x", MarkdownText.Text("spec.ingress[0] -> x"));
        Assert.Equal("![x\\](http://e/) @&#8203;octocat a \\| b", MarkdownText.Text("![x](http://e/) @octocat a | b"));
    }

    [Theory]
    [MemberData(nameof(NastyText.Cases), MemberType = typeof(NastyText))]
    public void Csv_fields_are_one_line_and_never_a_formula(string name, string text)
    {
        _ = name;
        var field = CsvField.Of(text);
        NastyText.AssertNoInvisible(field);
        var content = field.StartsWith('"') ? field[1..^1].Replace("\"\"", "\"") : field;
        Assert.DoesNotContain(content.TrimStart(' ').FirstOrDefault(), "=+-@");
        if (!field.StartsWith('"')) Assert.DoesNotContain(",", field);
        Assert.Equal("'=1+2", CsvField.Of("=1+2"));
        Assert.Equal("ns/web[Deployment]", CsvField.Of("ns/web[Deployment]"));
    }

    [Theory]
    [MemberData(nameof(NastyText.Cases), MemberType = typeof(NastyText))]
    public void Xml_content_is_always_writable_and_reads_back_as_written(string name, string text)
    {
        _ = name;
        var value = XmlContent.Of(text);
        var buffer = new StringWriter();
        using (var xml = XmlWriter.Create(buffer))
        {
            xml.WriteStartElement("t");
            xml.WriteAttributeString("a", value);
            xml.WriteString(value);
            xml.WriteEndElement();
        }
        var document = new XmlDocument();
        document.LoadXml(buffer.ToString());
        Assert.Equal(value, document.DocumentElement!.GetAttribute("a"));
        NastyText.AssertNoInvisible(value);
    }

    [Theory]
    [MemberData(nameof(NastyText.Cases), MemberType = typeof(NastyText))]
    public void Dot_strings_cannot_end_early_or_carry_invisible_characters(string name, string text)
    {
        _ = name;
        var quoted = DotText.Quoted(text);
        NastyText.AssertNoInvisible(quoted);
        Assert.StartsWith("\"", quoted);
        Assert.EndsWith("\"", quoted);
        var inner = quoted[1..^1];
        // Every quote and backslash inside is escaped: pairs of backslashes, then an escaped quote.
        Assert.DoesNotMatch(@"(?<!\\)(\\\\)*""", inner);
        Assert.Equal("\"a\\nb\"", DotText.QuotedLines(["a", "b"]));
    }

    [Theory]
    [MemberData(nameof(NastyText.Cases), MemberType = typeof(NastyText))]
    public void Html_text_opens_no_tag_and_ends_no_attribute(string name, string text)
    {
        _ = name;
        var html = HtmlText.Of(text);
        NastyText.AssertNoInvisible(html);
        Assert.DoesNotContain("<", html);
        Assert.DoesNotContain(">", html);
        Assert.DoesNotContain("\"", html);
        Assert.DoesNotContain("'", html);
    }

    [Theory]
    [MemberData(nameof(NastyText.Cases), MemberType = typeof(NastyText))]
    public void Workflow_command_values_stay_inside_their_command(string name, string text)
    {
        _ = name;
        var data = WorkflowCommandText.Data(text);
        var property = WorkflowCommandText.Property(text);
        NastyText.AssertNoInvisible(data);
        NastyText.AssertNoInvisible(property);
        Assert.DoesNotContain(":", property);
        Assert.DoesNotContain(",", property);
        Assert.Equal("a%0Ab%0D%25", WorkflowCommandText.Data("a\nb\r%"));
    }
}
