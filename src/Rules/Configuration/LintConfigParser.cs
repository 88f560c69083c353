using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using YamlDotNet.Core;

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
/// sensitive:                  # sensitive-reachable-from-internet
///   selectors: ["tier=db"]    # kubectl syntax; replaces the built-in data-store list
///   hops: 2
/// clusterDomain: cluster.local  # for declared dependencies (docs/dependencies.md)
/// </code>
/// Anything else is an error at its exact position: a mistyped key or rule id would otherwise
/// silently change nothing. The first error stops the parse; users fix one line at a time.
/// </summary>
public static partial class LintConfigParser
{
    public const string ConfigRuleId = "invalid-config";

    private static readonly string[] TopLevelKeys = ["profile", "rules", "ignore", "sensitive", "clusterDomain"];

    public static LintConfigParse Parse(string text, string path, string baseDirectory, IReadOnlySet<string> knownRuleIds)
    {
        try
        {
            var composer = new YamlComposer(new StringReader(text), path);
            composer.ReadDocument(null, out var root);
            if (composer.ReadDocument(null, out var second) && second is not null)
            {
                throw Fail(second, "the configuration must be a single YAML document");
            }
            return new LintConfigParse(Read(root, path, baseDirectory, knownRuleIds), null);
        }
        catch (YamlException exception)
        {
            var reason = FirstLine(exception.InnerException?.Message ?? exception.Message);
            return new LintConfigParse(null, Error(path, (int)exception.Start.Line, (int)exception.Start.Column, reason));
        }
        catch (ManifestInputException exception)
        {
            return new LintConfigParse(null, Error(path, exception.Line, exception.Column, exception.Message));
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
        var mapping = root as YamlMapping
            ?? throw Fail(root, "the configuration must be a mapping with keys profile, rules, ignore and sensitive");
        foreach (var (keyNode, value) in mapping.Entries)
        {
            var key = ScalarText(keyNode, "a key");
            config = key switch
            {
                "profile" => config with { Profile = ReadProfile(value) },
                "rules" => config with { Rules = ReadRules(value, knownRuleIds) },
                "ignore" => config with { Ignore = ReadIgnore(value) },
                "sensitive" => config with { Sensitive = ReadSensitive(value) },
                "clusterDomain" => config with { ClusterDomain = ReadClusterDomain(value) },
                _ => throw Fail(keyNode, $"unknown key '{key}' (expected one of: {string.Join(", ", TopLevelKeys)})"),
            };
        }
        return config;
    }

    private static AnalysisProfile ReadProfile(YamlNode node)
    {
        var text = ScalarText(node, "profile");
        return ProfileNames.TryParse(text, out var profile)
            ? profile
            : throw Fail(node, ProfileNames.Unknown(text));
    }

    /// <summary>DNS labels separated by dots (cluster.local, corp.example); a trailing dot is dropped.</summary>
    private static string ReadClusterDomain(YamlNode node)
    {
        var text = ScalarText(node, "a cluster domain").TrimEnd('.');
        return text.Length > 0 && text.Split('.').All(LabelSyntax.IsDnsLabel)
            ? text
            : throw Fail(node, $"'{text}' is not a DNS domain (expected labels separated by dots, such as cluster.local)");
    }

    private static ImmutableDictionary<string, RuleSetting> ReadRules(YamlNode node, IReadOnlySet<string> knownRuleIds)
    {
        if (IsNull(node)) return ImmutableDictionary<string, RuleSetting>.Empty;
        var mapping = node as YamlMapping
            ?? throw Fail(node, "rules must be a mapping from rule id to off, on, error, warning or info");
        var rules = ImmutableDictionary.CreateBuilder<string, RuleSetting>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Entries)
        {
            var id = ScalarText(keyNode, "a rule id");
            if (!knownRuleIds.Contains(id)) throw Fail(keyNode, $"unknown rule id '{id}' (run 'policylint rules' for the list)");
            if (rules.ContainsKey(id)) throw Fail(keyNode, $"rule '{id}' is configured twice");
            rules[id] = ReadSetting(value);
        }
        return rules.ToImmutable();
    }

    private static RuleSetting ReadSetting(YamlNode node)
    {
        var text = ScalarText(node, "a rule setting");
        var span = node.Span;
        if (text is "off" or "false") return new RuleSetting(false, null, span);
        if (text is "on" or "true") return new RuleSetting(true, null, span);
        return SeverityNames.TryParse(text, out var severity) && text == severity.ToId()
            ? new RuleSetting(true, severity, span)
            : throw Fail(node, $"unknown rule setting '{text}' (expected off, on, error, warning or info)");
    }

    private static ImmutableArray<PathGlob> ReadIgnore(YamlNode node)
    {
        if (IsNull(node)) return [];
        var sequence = node as YamlSequence
            ?? throw Fail(node, "ignore must be a list of path patterns");
        var globs = ImmutableArray.CreateBuilder<PathGlob>();
        foreach (var item in sequence.Items)
        {
            var pattern = ScalarText(item, "a path pattern");
            if (pattern.Trim().Length == 0) throw Fail(item, "an ignore pattern must not be empty");
            globs.Add(new PathGlob(pattern));
        }
        return globs.ToImmutable();
    }

    private static string ScalarText(YamlNode node, string what) =>
        node is YamlScalar { IsNull: false } scalar
            ? scalar.Value
            : throw Fail(node, $"expected {what} here, found {node.Description}");

    private static bool IsNull(YamlNode node) => node is YamlScalar { IsNull: true };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static ConfigSchemaException Fail(YamlNode node, string message) =>
        new(Error(node.File, node.Line, node.Column, message));

    private static Diagnostic Error(string path, int line, int column, string message) =>
        new(ConfigRuleId, Severity.Error, message, new SourceSpan(path, Math.Max(1, line), Math.Max(1, column)));

    /// <summary>Carries the first schema error out of the recursive reader; never leaves this type.</summary>
    private sealed class ConfigSchemaException(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }
}
