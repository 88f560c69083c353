using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Queries;

/// <summary>A selector parsed from the command line, or why it could not be.</summary>
public sealed record SelectorParse(LabelSelector? Selector, string? Problem)
{
    public bool IsValid => Selector is not null;
}

/// <summary>
/// kubectl's label selector syntax (<c>-l</c>): requirements separated by commas, each one of
/// <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c>,
/// <c>key notin (a,b)</c>, <c>key</c> (exists) or <c>!key</c> (does not exist). Whitespace
/// around tokens is ignored; the empty text selects everything. <c>key!=value</c> also matches
/// pods without the key, as in Kubernetes.
/// </summary>
public static class SelectorText
{
    public static SelectorParse Parse(string text)
    {
        var requirements = ImmutableArray.CreateBuilder<LabelRequirement>();
        foreach (var part in SplitTopLevel(text))
        {
            var trimmed = part.Trim();
            if (trimmed.Length == 0)
            {
                if (text.Trim().Length == 0) break;
                return Fail(text, "an empty requirement (two commas in a row, or a comma at an end)");
            }
            var requirement = ParseRequirement(trimmed, out var problem);
            if (requirement is null) return Fail(text, problem!);
            requirements.Add(requirement);
        }
        return new SelectorParse(new LabelSelector(requirements.ToImmutable(), SourceSpan.None), null);
    }

    private static SelectorParse Fail(string text, string problem) => new(null, $"bad selector '{text}': {problem}");

    /// <summary>Splits on commas that are not inside parentheses.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    private static LabelRequirement? ParseRequirement(string text, out string? problem)
    {
        if (text.StartsWith('!')) return Requirement(text[1..].Trim(), SelectorOperator.DoesNotExist, [], out problem);
        var notEquals = text.IndexOf("!=", StringComparison.Ordinal);
        if (notEquals >= 0) return Requirement(text[..notEquals].Trim(), SelectorOperator.NotIn, [text[(notEquals + 2)..].Trim()], out problem);
        var equals = text.IndexOf('=');
        if (equals >= 0)
        {
            var value = text[(equals + 1)..];
            if (value.StartsWith('=')) value = value[1..];
            return Requirement(text[..equals].Trim(), SelectorOperator.In, [value.Trim()], out problem);
        }
        var words = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1) return Requirement(words[0], SelectorOperator.Exists, [], out problem);
        return SetRequirement(words[0], words[1].Trim(), out problem);
    }

    /// <summary><c>key in (a,b)</c> or <c>key notin (a,b)</c>; <paramref name="rest"/> starts at the operator.</summary>
    private static LabelRequirement? SetRequirement(string key, string rest, out string? problem)
    {
        var words = rest.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        var op = words[0] switch
        {
            "in" => SelectorOperator.In,
            "notin" => SelectorOperator.NotIn,
            _ => (SelectorOperator?)null,
        };
        if (op is null)
        {
            problem = $"'{key} {rest}': expected key=value, key!=value, key in (...), key notin (...), key or !key";
            return null;
        }
        var set = words.Length > 1 ? words[1].Trim() : "";
        if (!set.StartsWith('(') || !set.EndsWith(')'))
        {
            problem = $"'{key} {rest}': the values of '{words[0]}' go in parentheses, e.g. {key} {words[0]} (a,b)";
            return null;
        }
        var values = set[1..^1].Split(',').Select(v => v.Trim()).ToImmutableArray();
        if (values.Length == 1 && values[0].Length == 0)
        {
            problem = $"'{key} {rest}': '{words[0]}' needs at least one value";
            return null;
        }
        return Requirement(key, op.Value, values, out problem);
    }

    private static LabelRequirement? Requirement(string key, SelectorOperator op, ImmutableArray<string> values, out string? problem)
    {
        problem = key.Length == 0 ? "a requirement has no key" : LabelSyntax.CheckKey(key) is { } keyProblem ? $"label key '{key}': {keyProblem}" : null;
        foreach (var value in values)
        {
            if (problem is not null) break;
            if (LabelSyntax.CheckValue(value) is { } valueProblem) problem = $"label value '{value}': {valueProblem}";
        }
        return problem is null ? new LabelRequirement(key, op, values, SourceSpan.None) : null;
    }
}
