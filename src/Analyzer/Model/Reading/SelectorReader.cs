using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Reads a LabelSelector (matchLabels and matchExpressions) and validates it as the API server
/// does: label key and value syntax, known operators, values present exactly when the
/// operator needs them. Invalid requirements are reported and kept as written; only a
/// requirement with an unknown operator or no key cannot be represented and is left out.
/// </summary>
internal static class SelectorReader
{
    /// <summary>
    /// Null when the field is absent or null. <paramref name="sourcePrefixedKeys"/>: a Cilium
    /// selector, whose keys may carry a source (<c>k8s:app</c>); the key is checked without a
    /// k8s/any source and kept as written (see <see cref="CiliumSelector"/>).
    /// </summary>
    public static LabelSelector? Read(ObjectReader r, YamlNode? node, FieldPath path, bool sourcePrefixedKeys = false)
    {
        var mapping = r.Mapping(node, path);
        if (mapping is null) return null;
        var requirements = ImmutableArray.CreateBuilder<LabelRequirement>();
        ReadMatchLabels(r, mapping.Get("matchLabels"), path.Field("matchLabels"), requirements, sourcePrefixedKeys);
        ReadMatchExpressions(r, mapping.Get("matchExpressions"), path.Field("matchExpressions"), requirements, sourcePrefixedKeys);
        return new LabelSelector(requirements.DrainToImmutable(), mapping.Span);
    }

    private static void ReadMatchLabels(ObjectReader r, YamlNode? node, FieldPath path, ImmutableArray<LabelRequirement>.Builder requirements, bool sourcePrefixedKeys)
    {
        var mapping = r.Mapping(node, path);
        if (mapping is null) return;
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlScalar keyScalar)
            {
                r.WrongType(keyNode, path, "a label key");
                continue;
            }
            var key = keyScalar.Value;
            var entryPath = path.Field(key);
            var value = r.StrictString(valueNode, entryPath) ?? "";
            CheckKey(r, keyScalar, entryPath, key, sourcePrefixedKeys);
            CheckValue(r, r.Present(valueNode) ?? keyScalar, entryPath, value);
            requirements.Add(new LabelRequirement(key, SelectorOperator.In, r.OneValue(value), keyScalar.Span, FromMatchLabels: true));
        }
    }

    private static void ReadMatchExpressions(ObjectReader r, YamlNode? node, FieldPath path, ImmutableArray<LabelRequirement>.Builder requirements, bool sourcePrefixedKeys)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null) return;
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            var item = r.Mapping(sequence.Items[i], itemPath);
            if (item is null) continue;
            if (ReadExpression(r, item, itemPath, sourcePrefixedKeys) is { } requirement) requirements.Add(requirement);
        }
    }

    private static LabelRequirement? ReadExpression(ObjectReader r, YamlMapping item, FieldPath path, bool sourcePrefixedKeys)
    {
        var key = r.Text(item.Get("key"), path.Field("key"));
        var operatorText = r.Text(item.Get("operator"), path.Field("operator"));
        if (key is null) r.Missing(item, path.Field("key"));
        if (operatorText is null) r.Missing(item, path.Field("operator"));
        if (key is null || operatorText is null) return null;
        CheckKey(r, item.Get("key")!, path.Field("key"), key, sourcePrefixedKeys);
        if (!TryParseOperator(operatorText, out var op))
        {
            r.Error(RuleIds.InvalidSelector, item.Get("operator")!, path.Field("operator"),
                $"{ObjectReader.Quote(operatorText)} is not a valid operator (expected In, NotIn, Exists or DoesNotExist)");
            return null;
        }
        var valuesNode = item.Get("values");
        var valuesPath = path.Field("values");
        var values = ImmutableArray.CreateBuilder<string>();
        if (r.Sequence(valuesNode, valuesPath) is { } sequence)
        {
            for (var i = 0; i < sequence.Count; i++)
            {
                if (r.StrictString(sequence.Items[i], valuesPath.At(i)) is not { } value) continue;
                CheckValue(r, sequence.Items[i], valuesPath.At(i), value);
                values.Add(value);
            }
        }
        // Values of the wrong type were reported already; they still count as given here.
        var given = r.Present(valuesNode) is YamlSequence { Count: > 0 };
        var needsValues = op is SelectorOperator.In or SelectorOperator.NotIn;
        if (needsValues && !given)
        {
            r.Error(RuleIds.InvalidSelector, r.Present(valuesNode) ?? item, valuesPath, $"operator {operatorText} needs at least one value");
        }
        else if (!needsValues && given)
        {
            r.Error(RuleIds.InvalidSelector, valuesNode!, valuesPath, $"operator {operatorText} takes no values (remove them)");
        }
        // Kept even when invalid: it still says what the author meant (a bad key matches no pod),
        // while dropping it would silently widen the selector.
        return new LabelRequirement(key, op, values.DrainToImmutable(), item.Span);
    }

    private static bool TryParseOperator(string text, out SelectorOperator op)
    {
        switch (text)
        {
            case "In": op = SelectorOperator.In; return true;
            case "NotIn": op = SelectorOperator.NotIn; return true;
            case "Exists": op = SelectorOperator.Exists; return true;
            case "DoesNotExist": op = SelectorOperator.DoesNotExist; return true;
            default: op = SelectorOperator.In; return false;
        }
    }

    private static void CheckKey(ObjectReader r, YamlNode at, FieldPath path, string key, bool sourcePrefixedKeys)
    {
        if (sourcePrefixedKeys)
        {
            key = CiliumSelector.KeyWithoutSource(key);
            if (CiliumSelector.Source(key) is not null) return;
        }
        if (LabelSyntax.CheckKey(key) is { } problem)
        {
            r.Error(RuleIds.InvalidSelector, at, path, $"{ObjectReader.Quote(key)} is not a valid label key ({problem})");
        }
    }

    private static void CheckValue(ObjectReader r, YamlNode at, FieldPath path, string value)
    {
        if (LabelSyntax.CheckValue(value) is { } problem)
        {
            r.Error(RuleIds.InvalidSelector, at, path, $"{ObjectReader.Quote(value)} is not a valid label value ({problem})");
        }
    }
}
