using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Queries;

/// <summary>The one wording of "that name is not in the input", with the closest names when there are some.</summary>
public static class LookupFailure
{
    public static string Message(this PeerLookupResult lookup, string text) => Message(text, lookup.Problem, lookup.Suggestions);

    public static string Message(this ServiceLookupResult lookup, string text) => Message(text, lookup.Problem, lookup.Suggestions);

    public static string Message(this Dependencies.NameReachAnswer answer, string text) => Message(text, answer.Problem, answer.Suggestions);

    private static string Message(string text, string? problem, ImmutableArray<string> suggestions)
    {
        var hint = suggestions.IsDefaultOrEmpty ? "" : $"; did you mean {string.Join(", ", suggestions)}?";
        return $"{problem ?? $"'{text}' not found"}{hint}";
    }
}
