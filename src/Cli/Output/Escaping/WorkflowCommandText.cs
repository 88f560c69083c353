namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// Values inside a GitHub Actions workflow command (<c>::error file=F,title=T::message</c>),
/// escaped as the runner unescapes them: in the message <c>%</c>, CR and LF as <c>%25</c>,
/// <c>%0D</c>, <c>%0A</c> (so the command stays one line; the annotation shows the line
/// breaks); in a property also <c>:</c> and <c>,</c>. Other invisible characters are escaped
/// visibly.
/// </summary>
public static class WorkflowCommandText
{
    public static string Data(string text) =>
        InvisibleCharacters.Escape(text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"));

    public static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
