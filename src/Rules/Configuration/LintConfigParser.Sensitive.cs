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
///   images: [postgres, vault]                  # image repository names; replaces the built-in list
///   hops: 3                                    # 0 = only workloads reached directly from outside
/// </code>
/// Any key may be left out (the built-in selectors or images, or 2 hops). A selector that does not
/// parse is an error at its position, like every other mistake in the file.
/// </summary>
public static partial class LintConfigParser
{
    private static readonly string[] SensitiveKeys = ["selectors", "images", "hops"];

    private static SensitiveWorkloads ReadSensitive(YamlNode node)
    {
        if (IsNull(node)) return SensitiveWorkloads.Default;
        var mapping = node as YamlMapping
            ?? throw Fail(node, "sensitive must be a mapping with keys selectors, images and hops");
        var selectors = SensitiveWorkloads.Default.Selectors;
        var images = SensitiveWorkloads.Default.Images;
        var hops = SensitiveWorkloads.DefaultHops;
        foreach (var (keyNode, value) in mapping.Entries)
        {
            var key = ScalarText(keyNode, "a key");
            switch (key)
            {
                case "selectors": selectors = ReadSelectors(value); break;
                case "images": images = ReadImages(value); break;
                case "hops": hops = ReadHops(value); break;
                default: throw Fail(keyNode, $"unknown key '{key}' in sensitive (expected one of: {string.Join(", ", SensitiveKeys)})");
            }
        }
        return new SensitiveWorkloads(selectors, hops, images);
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

    /// <summary>Names only: a registry, path, tag or digest would never match (they are stripped from the images).</summary>
    private static ImmutableArray<string> ReadImages(YamlNode node)
    {
        var sequence = node as YamlSequence
            ?? throw Fail(node, "sensitive.images must be a list of image names (e.g. \"postgres\")");
        var images = ImmutableArray.CreateBuilder<string>();
        foreach (var item in sequence.Items)
        {
            var text = ScalarText(item, "an image name").Trim();
            if (text.Length == 0 || SensitiveWorkloads.RepositoryName(text) != text)
                throw Fail(item, $"a sensitive image must be a bare image name such as \"postgres\" (no registry, path, tag or digest), not '{text}'");
            images.Add(text);
        }
        return images.ToImmutable();
    }

    private static int ReadHops(YamlNode node)
    {
        var text = ScalarText(node, "a number of hops");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hops) && hops <= 100
            ? hops
            : throw Fail(node, $"sensitive.hops must be a whole number from 0 to 100, not '{text}'");
    }
}
