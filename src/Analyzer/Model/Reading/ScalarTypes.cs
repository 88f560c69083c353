using System.Globalization;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// How Kubernetes' YAML reader types a plain (unquoted) scalar: YAML 1.1 booleans (yes, on, ...),
/// integers and floats are not strings. Quoted scalars are always strings.
/// </summary>
public static class ScalarTypes
{
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                value = true;
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Decimal integers that fit in 32 bits, with an optional sign.</summary>
    public static bool TryParseInteger(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool IsNonString(string plainText) => Describe(plainText) != "string";

    public static string Describe(string plainText)
    {
        if (plainText.Length == 0) return "string";
        if (TryParseBoolean(plainText, out _)) return "boolean";
        if (long.TryParse(plainText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return "number";
        var first = plainText[0];
        var looksNumeric = char.IsAsciiDigit(first) || ((first is '-' or '+' or '.') && plainText.Length > 1);
        if (looksNumeric && double.TryParse(plainText, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return "number";
        return "string";
    }
}
