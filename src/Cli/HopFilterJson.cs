using System.Text.Json;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Paths;

namespace PolicyLint.Cli;

/// <summary>"protocol" and "port" of a hop filter, null when not narrowed (as can-reach writes them).</summary>
public static class HopFilterJson
{
    public static void Write(Utf8JsonWriter json, HopFilter filter)
    {
        if (filter.Protocol is null && filter.Port is null) json.WriteNull("protocol");
        else json.WriteString("protocol", (filter.Protocol ?? Protocol.TCP).ToString());
        if (filter.Port is { } port) json.WriteNumber("port", port);
        else json.WriteNull("port");
    }
}
