using System.Net;

namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// Text in an HTML element or a quoted attribute: invisible characters escaped visibly, then
/// <c>&lt; &gt; &amp; " '</c> (and non-ASCII) as character references, so a value can never open
/// a tag, end an attribute or hide in the page.
/// </summary>
public static class HtmlText
{
    public static string Of(string text) => WebUtility.HtmlEncode(InvisibleCharacters.Escape(text));
}
