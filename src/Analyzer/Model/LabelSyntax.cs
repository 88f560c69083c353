namespace PolicyLint.Analyzer.Model;

/// <summary>
/// Kubernetes' syntax for label keys (qualified names with an optional DNS-subdomain prefix)
/// and label values, as apimachinery's IsQualifiedName and IsValidLabelValue check them.
/// Each check returns null when valid, else what is expected.
/// </summary>
public static class LabelSyntax
{
    private const int NameMaxLength = 63;
    private const int PrefixMaxLength = 253;

    public static string? CheckKey(string key)
    {
        var slash = key.IndexOf('/');
        string name;
        if (slash >= 0)
        {
            var prefix = key[..slash];
            name = key[(slash + 1)..];
            if (prefix.Length == 0) return "the prefix before '/' must not be empty";
            if (prefix.Length > PrefixMaxLength || !IsDnsSubdomain(prefix))
            {
                return "the prefix must be a DNS subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters";
            }
        }
        else
        {
            name = key;
        }
        if (name.Length == 0) return "the name part must not be empty";
        if (name.Length > NameMaxLength) return "the name part must be at most 63 characters";
        return IsNameText(name)
            ? null
            : "a label key is an optional DNS-subdomain prefix and '/', then a name of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    }

    public static string? CheckValue(string value)
    {
        if (value.Length == 0) return null;
        if (value.Length > NameMaxLength) return "a label value must be at most 63 characters";
        return IsNameText(value)
            ? null
            : "a label value is empty or letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    }

    /// <summary>[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?</summary>
    private static bool IsNameText(string text)
    {
        if (!char.IsAsciiLetterOrDigit(text[0]) || !char.IsAsciiLetterOrDigit(text[^1])) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && c != '.') return false;
        }
        return true;
    }

    /// <summary>Dot-separated DNS labels: [a-z0-9]([-a-z0-9]*[a-z0-9])?</summary>
    public static bool IsDnsSubdomain(string text)
    {
        foreach (var label in text.Split('.'))
        {
            if (!IsDnsLabel(label)) return false;
        }
        return true;
    }

    public static bool IsDnsLabel(string label)
    {
        if (label.Length is 0 or > NameMaxLength) return false;
        if (!IsLowerAlphanumeric(label[0]) || !IsLowerAlphanumeric(label[^1])) return false;
        foreach (var c in label)
        {
            if (!IsLowerAlphanumeric(c) && c != '-') return false;
        }
        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
