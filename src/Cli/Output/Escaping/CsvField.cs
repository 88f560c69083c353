namespace PolicyLint.Cli.Output.Escaping;

/// <summary>
/// One RFC 4180 field that a spreadsheet shows as text: a field starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c> (after spaces, which some spreadsheets skip) would be read as a formula, so it gets a leading
/// apostrophe (OWASP's advice for CSV injection); invisible characters are escaped, so a record
/// is always one line; a field with a comma or quote is quoted with quotes doubled.
/// </summary>
public static class CsvField
{
    public static string Of(string text)
    {
        var value = InvisibleCharacters.Escape(text);
        var first = value.TrimStart(' ');
        if (first.Length > 0 && first[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
