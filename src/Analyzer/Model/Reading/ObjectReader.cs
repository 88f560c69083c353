using System.Collections.Immutable;
using System.Globalization;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Typed, position-aware access to the fields of one object's node tree. Every access charges
/// the visit budget (aliases make trees DAGs). A field of the wrong type is reported as
/// <c>invalid-object</c> naming the object and the field path, and reads as absent, so the
/// object is still built from what is valid.
/// </summary>
internal sealed class ObjectReader(List<Diagnostic> diagnostics, VisitBudget budget)
{
    private const int OneValueSlots = 1 << 12;

    // Recent one-value lists by their value's string object (texts repeat as one string, see SharedTexts).
    private readonly ImmutableArray<string>[] _oneValueLists = new ImmutableArray<string>[OneValueSlots];

    public ObjectRef Object { get; set; } = new("", "", "");

    /// <summary>
    /// The list holding just <paramref name="value"/>: every matchLabels entry is an In
    /// requirement with one value, and a large cluster repeats the same few hundred values in
    /// tens of thousands of selectors, so a list seen recently is handed out again (lists are
    /// immutable) instead of one more array for the model to carry.
    /// </summary>
    public ImmutableArray<string> OneValue(string value)
    {
        var slot = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value) & (OneValueSlots - 1);
        var seen = _oneValueLists[slot];
        if (!seen.IsDefault && string.Equals(seen[0], value, StringComparison.Ordinal)) return seen;
        return _oneValueLists[slot] = [value];
    }

    public void Error(string ruleId, YamlNode at, FieldPath path, string problem) => Error(ruleId, at.Span, path, problem);

    public void Error(string ruleId, SourceSpan at, FieldPath path, string problem)
    {
        var where = path.ToString();
        var message = where.Length == 0 ? $"{Object}: {problem}" : $"{Object}: {where}: {problem}";
        diagnostics.Add(new Diagnostic(ruleId, Severity.Error, message, at, Object));
    }

    public void Warning(string ruleId, YamlNode at, FieldPath path, string problem)
    {
        var where = path.ToString();
        diagnostics.Add(new Diagnostic(ruleId, Severity.Warning, where.Length == 0 ? $"{Object}: {problem}" : $"{Object}: {where}: {problem}", at.Span, Object));
    }

    public void Missing(YamlNode parent, FieldPath path) =>
        Error(RuleIds.InvalidObject, parent, path, "required field is missing");

    /// <summary>YAML null reads as absent, as in Kubernetes.</summary>
    public YamlNode? Present(YamlNode? node)
    {
        if (node is null) return null;
        budget.Charge(node);
        return node is YamlScalar { IsNull: true } ? null : node;
    }

    public YamlMapping? Mapping(YamlNode? node, FieldPath path)
    {
        node = Present(node);
        if (node is null or YamlMapping) return (YamlMapping?)node;
        WrongType(node, path, "a mapping");
        return null;
    }

    public YamlSequence? Sequence(YamlNode? node, FieldPath path)
    {
        node = Present(node);
        if (node is null or YamlSequence) return (YamlSequence?)node;
        WrongType(node, path, "a sequence");
        return null;
    }

    /// <summary>Any scalar as text (names, hosts; Kubernetes would reject a number here, but nothing depends on it).</summary>
    public string? Text(YamlNode? node, FieldPath path)
    {
        node = Present(node);
        if (node is null) return null;
        if (node is YamlScalar scalar) return scalar.Value;
        WrongType(node, path, "a string");
        return null;
    }

    /// <summary>A string field where YAML's implicit typing matters (label values): <c>true</c> or <c>1.0</c> unquoted is not a string.</summary>
    public string? StrictString(YamlNode? node, FieldPath path)
    {
        node = Present(node);
        if (node is null) return null;
        if (node is YamlScalar scalar)
        {
            if (!scalar.IsPlain || !ScalarTypes.IsNonString(scalar.Value)) return scalar.Value;
            Error(RuleIds.InvalidObject, node, path, $"{scalar.Value} is read as a {ScalarTypes.Describe(scalar.Value)}, but a string is expected (quote it: \"{scalar.Value}\")");
            return null;
        }
        WrongType(node, path, "a string");
        return null;
    }

    public int? Integer(YamlNode? node, FieldPath path)
    {
        node = Present(node);
        if (node is null) return null;
        if (node is YamlScalar { IsPlain: true } scalar && ScalarTypes.TryParseInteger(scalar.Value, out var value)) return value;
        WrongType(node, path, "an integer");
        return null;
    }

    public bool? Boolean(YamlNode? node, FieldPath path)
    {
        node = Present(node);
        if (node is null) return null;
        if (node is YamlScalar { IsPlain: true } scalar && ScalarTypes.TryParseBoolean(scalar.Value, out var value)) return value;
        WrongType(node, path, "true or false");
        return null;
    }

    /// <summary>Kubernetes' IntOrString: a plain integer is a number, anything quoted (even "80") is a name.</summary>
    public PortRef? IntOrString(YamlNode? node, FieldPath path)
    {
        node = Present(node);
        if (node is null) return null;
        if (node is YamlScalar scalar)
        {
            if (scalar.IsPlain && ScalarTypes.TryParseInteger(scalar.Value, out var number)) return PortRef.Of(number);
            return PortRef.Of(scalar.Value);
        }
        WrongType(node, path, "a port number or name");
        return null;
    }

    /// <summary>A map of strings (labels, annotations, selectors); entries of the wrong type are reported and left out.</summary>
    public Labels StringMap(YamlNode? node, FieldPath path, bool strictValues)
    {
        var mapping = Mapping(node, path);
        if (mapping is null || mapping.Count == 0) return Labels.Empty;
        var pairs = new List<KeyValuePair<string, string>>(mapping.Count);
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlScalar key)
            {
                WrongType(keyNode, path, "a string key");
                continue;
            }
            var valuePath = path.Field(key.Value);
            var value = strictValues ? StrictString(valueNode, valuePath) : Text(valueNode, valuePath);
            if (value is null && Present(valueNode) is not null) continue;
            pairs.Add(KeyValuePair.Create(key.Value, value ?? ""));
        }
        return Labels.Of(pairs);
    }

    public ImmutableArray<string> StringList(YamlNode? node, FieldPath path)
    {
        var sequence = Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var builder = ImmutableArray.CreateBuilder<string>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            if (Text(sequence.Items[i], path.At(i)) is { } text) builder.Add(text);
        }
        return builder.DrainToImmutable();
    }

    public void WrongType(YamlNode node, FieldPath path, string expected) =>
        Error(RuleIds.InvalidObject, node, path, $"expected {expected}, found {node.Description}");

    public static string Quote(string text) => "\"" + text + "\"";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
