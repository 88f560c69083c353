namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// Text for an XML writer (JUnit): XML 1.0 cannot hold most control characters or lone
/// surrogates at all, not even as character references, so every invisible character is
/// escaped visibly; the writer then escapes markup (<c>&lt;</c>, <c>&amp;</c>, quotes).
/// </summary>
public static class XmlContent
{
    public static string Of(string text) => InvisibleCharacters.Escape(text);
}
