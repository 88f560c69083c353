using System.Text.Json;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Cli.Json;

/// <summary>
/// A ConnectionSet in the JSON contract: <c>"all": true</c>, or <c>"all": false</c> with
/// <c>"protocols"</c> holding, per protocol that allows anything, its port ranges
/// (<c>{"start","end"}</c>, inclusive) and the named ports that did not resolve.
/// </summary>
public static class ConnectionSetJson
{
    public static void WriteProperties(Utf8JsonWriter json, ConnectionSet connections)
    {
        json.WriteBoolean("all", connections.IsAll);
        if (connections.IsAll) return;
        json.WriteStartObject("protocols");
        foreach (var protocol in Protocols.All)
        {
            var ports = connections.Ports(protocol);
            if (ports.IsEmpty) continue;
            json.WriteStartObject(protocol.ToString());
            json.WriteStartArray("ports");
            foreach (var range in ports.Ranges)
            {
                json.WriteStartObject();
                json.WriteNumber("start", range.Start);
                json.WriteNumber("end", range.End);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("names");
            foreach (var name in ports.NamedPorts) json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
