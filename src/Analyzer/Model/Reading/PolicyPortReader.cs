using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Reads the port clauses of NetworkPolicy rules (protocol, port, endPort) and of
/// AdminNetworkPolicy rules (portNumber, portRange, namedPort), validating them as the API
/// server does. Invalid clauses are reported and kept as written.
/// </summary>
internal static class PolicyPortReader
{
    public static ImmutableArray<PolicyPort> ReadNetworkPolicyPorts(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var ports = ImmutableArray.CreateBuilder<PolicyPort>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            var item = r.Present(sequence.Items[i]);
            if (item is null)
            {
                // "- {}" or a bare "-": every port of TCP, as the API server defaults it.
                ports.Add(new PolicyPort(Protocol.TCP, null, null, sequence.Items[i].Span));
                continue;
            }
            if (r.Mapping(item, itemPath) is { } mapping) ports.Add(ReadNetworkPolicyPort(r, mapping, itemPath));
        }
        return ports.DrainToImmutable();
    }

    private static PolicyPort ReadNetworkPolicyPort(ObjectReader r, YamlMapping mapping, FieldPath path)
    {
        var protocol = ReadProtocol(r, mapping.Get("protocol"), path.Field("protocol"));
        var portNode = mapping.Get("port");
        var port = r.IntOrString(portNode, path.Field("port"));
        if (port is { } given) CheckPort(r, portNode!, path.Field("port"), given);
        var endPortNode = mapping.Get("endPort");
        var endPort = r.Integer(endPortNode, path.Field("endPort"));
        if (endPort is { } end) CheckEndPort(r, endPortNode!, path.Field("endPort"), port, end);
        return new PolicyPort(protocol, port, endPort, mapping.Span);
    }

    private static void CheckEndPort(ObjectReader r, YamlNode at, FieldPath path, PortRef? port, int end)
    {
        if (port is null)
        {
            r.Error(RuleIds.InvalidPort, at, path, "endPort needs a numeric port (set port to the start of the range)");
        }
        else if (port.Value.IsNamed)
        {
            r.Error(RuleIds.InvalidPort, at, path, $"endPort cannot be used with the named port {ObjectReader.Quote(port.Value.Name!)} (expected a numeric port)");
        }
        else if (!PortSyntax.IsValidNumber(end))
        {
            r.Error(RuleIds.InvalidPort, at, path, $"{ObjectReader.Number(end)} is not a valid port (expected 1-65535)");
        }
        else if (end < port.Value.Number)
        {
            r.Error(RuleIds.InvalidPort, at, path, $"endPort {ObjectReader.Number(end)} is below port {port} (expected endPort >= port)");
        }
    }

    /// <summary>A port by number (1-65535) or by IANA service name.</summary>
    public static void CheckPort(ObjectReader r, YamlNode at, FieldPath path, PortRef port)
    {
        if (port.IsNamed)
        {
            if (PortSyntax.CheckName(port.Name!) is { } problem)
            {
                r.Error(RuleIds.InvalidPort, at, path, $"{ObjectReader.Quote(port.Name!)} is not a valid port name ({problem})");
            }
        }
        else if (!PortSyntax.IsValidNumber(port.Number!.Value))
        {
            r.Error(RuleIds.InvalidPort, at, path, $"{port} is not a valid port (expected 1-65535)");
        }
    }

    /// <summary>TCP when absent; an unknown protocol is reported and read as TCP.</summary>
    public static Protocol ReadProtocol(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var text = r.Text(node, path);
        if (text is null) return Protocol.TCP;
        if (Protocols.TryParse(text, out var protocol)) return protocol;
        r.Error(RuleIds.InvalidPort, node!, path, $"{ObjectReader.Quote(text)} is not a supported protocol (expected TCP, UDP or SCTP)");
        return Protocol.TCP;
    }

    public static ImmutableArray<PolicyPort> ReadAdminPorts(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var ports = ImmutableArray.CreateBuilder<PolicyPort>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is not { } mapping) continue;
            if (ReadAdminPort(r, mapping, itemPath) is { } port) ports.Add(port);
        }
        return ports.DrainToImmutable();
    }

    /// <summary>
    /// One of portNumber, portRange or namedPort. A namedPort has no protocol of its own: it
    /// matches the destination's container port of that name with that port's protocol.
    /// </summary>
    private static PolicyPort? ReadAdminPort(ObjectReader r, YamlMapping mapping, FieldPath path)
    {
        var number = r.Mapping(mapping.Get("portNumber"), path.Field("portNumber"));
        var range = r.Mapping(mapping.Get("portRange"), path.Field("portRange"));
        var namedNode = mapping.Get("namedPort");
        var named = r.Text(namedNode, path.Field("namedPort"));
        var set = (number is null ? 0 : 1) + (range is null ? 0 : 1) + (named is null ? 0 : 1);
        if (set != 1)
        {
            r.Error(RuleIds.InvalidPort, mapping, path, "exactly one of portNumber, portRange or namedPort must be set");
            if (set == 0) return null;
        }
        if (number is not null) return ReadPortNumber(r, number, path.Field("portNumber"));
        if (range is not null) return ReadPortRange(r, range, path.Field("portRange"));
        var name = PortRef.Of(named!);
        CheckPort(r, namedNode!, path.Field("namedPort"), name);
        return NamedPortOfAnyProtocol(name, namedNode!.Span);
    }

    /// <summary>A cluster policy's named port: the container port's own protocol decides.</summary>
    public static PolicyPort NamedPortOfAnyProtocol(PortRef name, SourceSpan span) =>
        new(Protocol.TCP, name, null, span) { ProtocolOfContainerPort = true };

    private static PolicyPort ReadPortNumber(ObjectReader r, YamlMapping number, FieldPath path)
    {
        var protocol = ReadProtocol(r, number.Get("protocol"), path.Field("protocol"));
        var portNode = number.Get("port");
        var port = r.Integer(portNode, path.Field("port"));
        if (port is null)
        {
            r.Missing(number, path.Field("port"));
            return new PolicyPort(protocol, null, null, number.Span);
        }
        CheckPort(r, portNode!, path.Field("port"), PortRef.Of(port.Value));
        return new PolicyPort(protocol, PortRef.Of(port.Value), null, number.Span);
    }

    private static PolicyPort ReadPortRange(ObjectReader r, YamlMapping range, FieldPath path)
    {
        var protocol = ReadProtocol(r, range.Get("protocol"), path.Field("protocol"));
        var start = r.Integer(range.Get("start"), path.Field("start"));
        var end = r.Integer(range.Get("end"), path.Field("end"));
        if (start is null) r.Missing(range, path.Field("start"));
        if (end is null) r.Missing(range, path.Field("end"));
        if (start is null || end is null) return new PolicyPort(protocol, null, null, range.Span);
        CheckPort(r, range.Get("start")!, path.Field("start"), PortRef.Of(start.Value));
        CheckPort(r, range.Get("end")!, path.Field("end"), PortRef.Of(end.Value));
        if (end < start)
        {
            r.Error(RuleIds.InvalidPort, range.Get("end")!, path.Field("end"),
                $"end {ObjectReader.Number(end.Value)} is below start {ObjectReader.Number(start.Value)} (expected end >= start)");
        }
        return new PolicyPort(protocol, PortRef.Of(start.Value), end, range.Span);
    }
}
