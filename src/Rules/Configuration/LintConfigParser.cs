using PolicyLint.Analyzer.Reachability;
using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyLint.Rules.Configuration;

/// <summary>The outcome of reading a configuration: a config, or the one error that stopped it.</summary>
public sealed record LintConfigParse(LintConfig? Config, Diagnostic? Error)
{
    public bool Succeeded => Config is not null;
}

/// <summary>
/// Reads <c>.policylint.yaml</c>:
/// <code>
/// profile: default            # or netpol-analyzer
/// rules:
///   host-network-pod: off     # off | on | error | warning | info
/// ignore:
///   - "examples/**"
/// </code>
/// Anything else is an error at its exact position: a mistyped key or rule id would otherwise
/// silently change nothing. The first error stops the parse; users fix one line at a time.
/// </summary>
public static class LintConfigParser
{
    public const string ConfigRuleId = "invalid-config";

    private static readonly string[] TopLevelKeys = ["profile", "rules", "ignore"];

    public static LintConfigParse Parse(string text, string path, string baseDirectory, IReadOnlySet<string> knownRuleIds)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            return new LintConfigParse(Read(root, path, baseDirectory, knownRuleIds), null);
        }
        catch (YamlException exception)
        {
            return new LintConfigParse(null, Error(path, exception.Start, FirstLine(exception.InnerException?.Message ?? exception.Message)));
        }
        catch (ConfigSchemaException exception)
        {
            return new LintConfigParse(null, exception.Diagnostic);
        }
    }

    private static LintConfig Read(YamlNode? root, string path, string baseDirectory, IReadOnlySet<string> knownRuleIds)
    {
        var config = LintConfig.Default(baseDirectory) with { Path = path };
        if (root is null || IsNull(root)) return config;
        var mapping = root as YamlMappingNode
            ?? throw Fail(path, root, "the configuration must be a mapping with keys profile, rules and ignore");
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = ScalarText(path, keyNode, "a key");
            config = key switch
            {
                "profile" => config with { Profile = ReadProfile(path, value) },
                "rules" => config with { Rules = ReadRules(path, value, knownRuleIds) },
                "ignore" => config with { Ignore = ReadIgnore(path, value) },
                _ => throw Fail(path, keyNode, $"unknown key '{key}' (expected one of: {string.Join(", ", TopLevelKeys)})"),
            };
        }
        return config;
    }

    private static AnalysisProfile ReadProfile(string path, YamlNode node)
    {
        var text = ScalarText(path, node, "profile");
        return ProfileNames.TryParse(text, out var profile)
            ? profile
            : throw Fail(path, node, $"unknown profile '{text}' (expected default or netpol-analyzer)");
    }

    private static ImmutableDictionary<string, RuleSetting> ReadRules(string path, YamlNode node, IReadOnlySet<string> knownRuleIds)
    {
        if (IsNull(node)) return ImmutableDictionary<string, RuleSetting>.Empty;
        var mapping = node as YamlMappingNode
            ?? throw Fail(path, node, "rules must be a mapping from rule id to off, on, error, warning or info");
        var rules = ImmutableDictionary.CreateBuilder<string, RuleSetting>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var id = ScalarText(path, keyNode, "a rule id");
            if (!knownRuleIds.Contains(id)) throw Fail(path, keyNode, $"unknown rule id '{id}' (run 'policylint rules' for the list)");
            if (rules.ContainsKey(id)) throw Fail(path, keyNode, $"rule '{id}' is configured twice");
            rules[id] = ReadSetting(path, value);
        }
        return rules.ToImmutable();
    }

    private static RuleSetting ReadSetting(string path, YamlNode node)
    {
        var text = ScalarText(path, node, "a rule setting");
        var span = Span(path, node);
        if (text is "off" or "false") return new RuleSetting(false, null, span);
        if (text is "on" or "true") return new RuleSetting(true, null, span);
        return SeverityNames.TryParse(text, out var severity) && text == severity.ToId()
            ? new RuleSetting(true, severity, span)
            : throw Fail(path, node, $"unknown rule setting '{text}' (expected off, on, error, warning or info)");
    }

    private static ImmutableArray<PathGlob> ReadIgnore(string path, YamlNode node)
    {
        if (IsNull(node)) return [];
        var sequence = node as YamlSequenceNode
            ?? throw Fail(path, node, "ignore must be a list of path patterns");
        var globs = ImmutableArray.CreateBuilder<PathGlob>();
        foreach (var item in sequence.Children)
        {
            var pattern = ScalarText(path, item, "a path pattern");
            if (pattern.Trim().Length == 0) throw Fail(path, item, "an ignore pattern must not be empty");
            globs.Add(new PathGlob(pattern));
        }
        return globs.ToImmutable();
    }

    private static string ScalarText(string path, YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } && !IsNull(node)
            ? value
            : throw Fail(path, node, $"expected {what} here, found {Describe(node)}");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "nothing",
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static SourceSpan Span(string path, YamlNode node) => new(path, (int)node.Start.Line, (int)node.Start.Column);

    private static ConfigSchemaException Fail(string path, YamlNode node, string message) =>
        new(Error(path, node.Start, message));

    private static Diagnostic Error(string path, Mark mark, string message) =>
        new(ConfigRuleId, Severity.Error, message, new SourceSpan(path, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column)));

    /// <summary>Carries the first schema error out of the recursive reader; never leaves this type.</summary>
    private sealed class ConfigSchemaException(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }
}
