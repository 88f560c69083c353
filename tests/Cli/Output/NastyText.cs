namespace PolicyLint.Cli.Tests.Output;

/// <summary>Every class of character the output sinks must neutralise, each with a name for the test report.</summary>
public static class NastyText
{
    public static readonly (string Name, string Text)[] Samples =
    [
        ("NUL", "a\0b"),
        ("ESC colour", "a\u001b[31mred\u001b[0m"),
        ("OSC title and BEL", "a\u001b]0;pwned\u0007b"),
        ("BEL", "a\u0007b"),
        ("backspace", "a\bb"),
        ("DEL", "a\u007fb"),
        ("C1 CSI", "a\u009b31mb"),
        ("NEL U+0085", "a\u0085b"),
        ("LF", "a\nb"),
        ("CR", "a\rb"),
        ("CRLF", "a\r\nb"),
        ("tab", "a\tb"),
        ("line separator U+2028", "a\u2028b"),
        ("paragraph separator U+2029", "a\u2029b"),
        ("bidi override U+202E", "a\u202Eevil\u202Cb"),
        ("bidi isolate U+2066", "a\u2066b\u2069"),
        ("zero-width space", "a\u200Bb"),
        ("BOM", "a\uFEFFb"),
        ("lone surrogate", "a\uD800b"),
        ("noncharacter U+FFFF", "a\uFFFFb"),
        ("pipe", "a|b"),
        ("backtick", "a`b"),
        ("mention", "@octocat"),
        ("image", "![x](http://evil.example/x.png)"),
        ("link", "[x](http://evil.example/)"),
        ("html", "<script>alert(1)</script>"),
        ("autolink", "<http://evil.example/>"),
        ("workflow command", "::error file=README.md,line=1::pwned"),
        ("workflow command after newline", "x\n::add-mask::secret"),
        ("legacy workflow command", "##[error]pwned"),
        ("formula =", "=1+2"),
        ("formula +", "+cmd|' /C calc'!A0"),
        ("formula -", "-2+3"),
        ("formula @", "@SUM(1,2)"),
        ("quote and comma", "a\",b"),
        ("backslash", "a\\nb"),
    ];

    public static IEnumerable<object[]> Cases() => Samples.Select(s => new object[] { s.Name, s.Text });

    /// <summary>Characters that must never reach a sink raw.</summary>
    public static bool IsInvisible(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
            or System.Globalization.UnicodeCategory.Surrogate
        || c is '\uFFFE' or '\uFFFF';

    public static void AssertNoInvisible(string output)
    {
        var bad = output.Select((c, i) => (c, i)).Where(x => IsInvisible(x.c)).ToList();
        Assert.True(bad.Count == 0, $"raw U+{(bad.Count > 0 ? (int)bad[0].c : 0):X4} at {(bad.Count > 0 ? bad[0].i : 0)} in: {output}");
    }
}
