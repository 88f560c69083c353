using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Reads the protocols of a ClusterNetworkPolicy rule, as its CRD validates them: when set, 1..25
/// entries; each sets exactly one of tcp, udp, sctp (each with a destinationPort, which is
/// exactly one of number 1..65535 or range {start, end} with start &lt; end) or
/// destinationNamedPort (matched with the container port's own protocol). Invalid entries are
/// reported and read as closely as they can be.
/// </summary>
internal static class ClusterPolicyProtocolReader
{
    public const int MaxProtocols = 25;

    private static readonly (string Field, Protocol Protocol)[] Transports =
        [("tcp", Protocol.TCP), ("udp", Protocol.UDP), ("sctp", Protocol.SCTP)];

    public static ImmutableArray<PolicyPort> Read(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null) return [];
        if (sequence.Count == 0)
        {
            r.Error(RuleIds.InvalidPort, sequence, path, "at least one protocol is required when protocols is set (omit it to match every port)");
            return [];
        }
        if (sequence.Count > MaxProtocols)
        {
            r.Error(RuleIds.InvalidPort, sequence, path, $"{ObjectReader.Number(sequence.Count)} protocols, at most {MaxProtocols} are allowed");
        }
        var ports = ImmutableArray.CreateBuilder<PolicyPort>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is not { } mapping) continue;
            if (ReadEntry(r, mapping, itemPath) is { } port) ports.Add(port);
        }
        return ports.DrainToImmutable();
    }

    private static PolicyPort? ReadEntry(ObjectReader r, YamlMapping mapping, FieldPath path)
    {
        var set = Transports.Count(t => r.Present(mapping.Get(t.Field)) is not null) + (r.Present(mapping.Get("destinationNamedPort")) is null ? 0 : 1);
        if (set != 1)
        {
            r.Error(RuleIds.InvalidPort, mapping, path, "exactly one of tcp, udp, sctp or destinationNamedPort must be set" + (set > 1 ? $", found {set}" : ""));
            if (set == 0) return null;
        }
        foreach (var (field, protocol) in Transports)
        {
            if (r.Mapping(mapping.Get(field), path.Field(field)) is { } transport) return ReadTransport(r, transport, path.Field(field), protocol);
        }
        var namedNode = mapping.Get("destinationNamedPort");
        if (r.Text(namedNode, path.Field("destinationNamedPort")) is not { } name) return null;
        var named = PortRef.Of(name);
        PolicyPortReader.CheckPort(r, namedNode!, path.Field("destinationNamedPort"), named);
        return PolicyPortReader.NamedPortOfAnyProtocol(named, namedNode!.Span);
    }

    /// <summary>A missing destinationPort is reported and read as every port of the protocol.</summary>
    private static PolicyPort ReadTransport(ObjectReader r, YamlMapping transport, FieldPath path, Protocol protocol)
    {
        var portPath = path.Field("destinationPort");
        var port = r.Mapping(transport.Get("destinationPort"), portPath);
        if (port is null)
        {
            if (r.Present(transport.Get("destinationPort")) is null) r.Missing(transport, portPath);
            return new PolicyPort(protocol, null, null, transport.Span);
        }
        var numberNode = r.Present(port.Get("number"));
        var range = r.Mapping(port.Get("range"), portPath.Field("range"));
        if ((numberNode is null) == (range is null))
        {
            r.Error(RuleIds.InvalidPort, port, portPath, "exactly one of number or range must be set");
        }
        if (numberNode is not null && r.Integer(numberNode, portPath.Field("number")) is { } number)
        {
            PolicyPortReader.CheckPort(r, numberNode, portPath.Field("number"), PortRef.Of(number));
            return new PolicyPort(protocol, PortRef.Of(number), null, port.Span);
        }
        return range is null ? new PolicyPort(protocol, null, null, port.Span) : ReadRange(r, range, portPath.Field("range"), protocol);
    }

    private static PolicyPort ReadRange(ObjectReader r, YamlMapping range, FieldPath path, Protocol protocol)
    {
        var start = r.Integer(range.Get("start"), path.Field("start"));
        var end = r.Integer(range.Get("end"), path.Field("end"));
        if (start is null) r.Missing(range, path.Field("start"));
        if (end is null) r.Missing(range, path.Field("end"));
        if (start is null || end is null) return new PolicyPort(protocol, null, null, range.Span);
        PolicyPortReader.CheckPort(r, range.Get("start")!, path.Field("start"), PortRef.Of(start.Value));
        PolicyPortReader.CheckPort(r, range.Get("end")!, path.Field("end"), PortRef.Of(end.Value));
        if (end <= start)
        {
            // "Start port must be less than End port" (the CRD's validation rule).
            r.Error(RuleIds.InvalidPort, range.Get("end")!, path.Field("end"),
                $"end {ObjectReader.Number(end.Value)} is not above start {ObjectReader.Number(start.Value)} (the start port must be less than the end port)");
        }
        return new PolicyPort(protocol, PortRef.Of(start.Value), end, range.Span);
    }
}
