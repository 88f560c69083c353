using System.Text;
using System.Text.RegularExpressions;

namespace PolicyLint.Rules.Configuration;

/// <summary>
/// An ignore pattern of the configuration, matched against paths relative to the configuration
/// file's directory with forward slashes, the way .gitignore patterns read: <c>*</c> and
/// <c>?</c> stay within one path segment, <c>**</c> crosses segments, a pattern without a slash
/// matches at any depth, and a pattern that matches a directory ignores everything below it.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex _regex;

    public PathGlob(string pattern)
    {
        Pattern = pattern;
        var trimmed = pattern.Trim().TrimEnd('/');
        if (trimmed.StartsWith("./", StringComparison.Ordinal)) trimmed = trimmed[2..];
        var anchored = trimmed.Contains('/');
        _regex = new Regex("^" + (anchored ? "" : "(?:.*/)?") + Translate(trimmed.TrimStart('/')) + "(?:/.*)?$",
            RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    public bool Matches(string relativePath) => _regex.IsMatch(relativePath.Replace('\\', '/'));

    private static string Translate(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var followedBySlash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(followedBySlash ? "(?:.*/)?" : ".*");
                i += followedBySlash ? 2 : 1;
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.ToString();
    }

    public override string ToString() => Pattern;
}
