using System.Collections.Immutable;
using System.Globalization;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Rules.Configuration;

/// <summary>
/// The <c>sensitive</c> section, for sensitive-reachable-from-internet:
/// <code>
/// sensitive:
///   selectors: ["tier=db", "app in (vault)"]   # kubectl syntax; replaces the built-in list
///   hops: 3                                    # 0 = only workloads reached directly from outside
/// </code>
/// Either key may be left out (the built-in selectors, or 2 hops). A selector that does not
/// parse is an error at its position, like every other mistake in the file.
/// </summary>
public static partial class LintConfigParser
{
    private static readonly string[] SensitiveKeys = ["selectors", "hops"];

    private static SensitiveWorkloads ReadSensitive(YamlNode node)
    {
        if (IsNull(node)) return SensitiveWorkloads.Default;
        var mapping = node as YamlMapping
            ?? throw Fail(node, "sensitive must be a mapping with keys selectors and hops");
        var selectors = SensitiveWorkloads.Default.Selectors;
        var hops = SensitiveWorkloads.DefaultHops;
        foreach (var (keyNode, value) in mapping.Entries)
        {
            var key = ScalarText(keyNode, "a key");
            switch (key)
            {
                case "selectors": selectors = ReadSelectors(value); break;
                case "hops": hops = ReadHops(value); break;
                default: throw Fail(keyNode, $"unknown key '{key}' in sensitive (expected one of: {string.Join(", ", SensitiveKeys)})");
            }
        }
        return new SensitiveWorkloads(selectors, hops);
    }

    private static ImmutableArray<string> ReadSelectors(YamlNode node)
    {
        var sequence = node as YamlSequence
            ?? throw Fail(node, "sensitive.selectors must be a list of label selectors (kubectl syntax, e.g. \"tier=db\")");
        var selectors = ImmutableArray.CreateBuilder<string>();
        foreach (var item in sequence.Items)
        {
            var text = ScalarText(item, "a label selector");
            if (text.Trim().Length == 0) throw Fail(item, "a sensitive selector must not be empty (it would match every workload)");
            var parse = SelectorText.Parse(text);
            if (!parse.IsValid) throw Fail(item, parse.Problem!);
            selectors.Add(text);
        }
        return selectors.ToImmutable();
    }

    private static int ReadHops(YamlNode node)
    {
        var text = ScalarText(node, "a number of hops");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hops) && hops <= 100
            ? hops
            : throw Fail(node, $"sensitive.hops must be a whole number from 0 to 100, not '{text}'");
    }
}
