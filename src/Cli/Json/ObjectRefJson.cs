using System.Text.Json;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Cli.Json;

/// <summary>An object's identity as every JSON contract spells it: <c>{"kind","namespace","name"}</c>, or null.</summary>
public static class ObjectRefJson
{
    /// <summary>As an array element (or after WritePropertyName).</summary>
    public static void Write(Utf8JsonWriter json, ObjectRef reference)
    {
        json.WriteStartObject();
        json.WriteString("kind", reference.Kind);
        json.WriteString("namespace", reference.Namespace);
        json.WriteString("name", reference.Name);
        json.WriteEndObject();
    }

    /// <summary>As a property, null when there is no object.</summary>
    public static void Write(Utf8JsonWriter json, string property, ObjectRef? reference)
    {
        json.WritePropertyName(property);
        if (reference is null) json.WriteNullValue();
        else Write(json, reference);
    }
}
