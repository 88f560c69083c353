using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Reads a ConfigMap's data. Values that are not text are left out without a finding: the
/// ConfigMap matters only as a source of declared dependencies, and the API server, not this
/// tool, is where a malformed ConfigMap is rejected.
/// </summary>
internal static class ConfigMapReader
{
    public static ConfigMap Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        if (r.Present(root.Get("data")) is not YamlMapping data) return new ConfigMap(meta, []);
        var entries = ImmutableArray.CreateBuilder<ConfigMapEntry>(data.Count);
        foreach (var (keyNode, valueNode) in data.Entries)
        {
            if (keyNode is YamlScalar key && r.Present(valueNode) is YamlScalar value)
            {
                entries.Add(new ConfigMapEntry(key.Value, value.Value, value.Span));
            }
        }
        return new ConfigMap(meta, entries.DrainToImmutable());
    }
}
