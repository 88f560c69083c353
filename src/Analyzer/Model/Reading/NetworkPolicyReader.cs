using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Builds a networking.k8s.io/v1 NetworkPolicy: rules, peers, ipBlocks and ports with their
/// spans, policyTypes defaulted exactly as the API server does, and the API server's checks
/// on peers (one of the allowed shapes), CIDRs and ports.
/// </summary>
internal static class NetworkPolicyReader
{
    public static NetworkPolicy Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        if (spec is null)
        {
            // Without a spec the API server would store an empty one: select every pod, isolate ingress.
            return new NetworkPolicy(meta, LabelSelector.Everything, [], [], PolicyDirections.Ingress, false);
        }
        var podSelector = SelectorReader.Read(r, spec.Get("podSelector"), specPath.Field("podSelector"))
            ?? new LabelSelector([], spec.Span);
        var ingress = ReadRules(r, spec.Get("ingress"), specPath.Field("ingress"), PolicyDirections.Ingress, "from");
        var egress = ReadRules(r, spec.Get("egress"), specPath.Field("egress"), PolicyDirections.Egress, "to");
        var declared = ReadPolicyTypes(r, spec.Get("policyTypes"), specPath.Field("policyTypes"));
        var types = declared ?? NetworkPolicy.InferPolicyTypes(hasEgressRules: egress.Length > 0);
        return new NetworkPolicy(meta, podSelector, ingress, egress, types, declared is not null);
    }

    /// <summary>Null when omitted or empty (the API server then infers the types).</summary>
    private static PolicyDirections? ReadPolicyTypes(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return null;
        var types = PolicyDirections.None;
        for (var i = 0; i < sequence.Count; i++)
        {
            switch (r.Text(sequence.Items[i], path.At(i)))
            {
                case "Ingress": types |= PolicyDirections.Ingress; break;
                case "Egress": types |= PolicyDirections.Egress; break;
                case { } other:
                    r.Error(RuleIds.InvalidObject, sequence.Items[i], path.At(i), $"{ObjectReader.Quote(other)} is not a policy type (expected Ingress or Egress)");
                    break;
            }
        }
        return types;
    }

    private static ImmutableArray<NetworkPolicyRule> ReadRules(ObjectReader r, YamlNode? node, FieldPath path, PolicyDirections direction, string peersField)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var rules = ImmutableArray.CreateBuilder<NetworkPolicyRule>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var rulePath = path.At(i);
            var item = sequence.Items[i];
            var rule = r.Present(item);
            if (rule is null)
            {
                rules.Add(new NetworkPolicyRule(direction, i, [], [], item.Span));
                continue;
            }
            if (r.Mapping(rule, rulePath) is not { } mapping) continue;
            var peers = ReadPeers(r, mapping.Get(peersField), rulePath.Field(peersField));
            var ports = PolicyPortReader.ReadNetworkPolicyPorts(r, mapping.Get("ports"), rulePath.Field("ports"));
            rules.Add(new NetworkPolicyRule(direction, i, peers, ports, mapping.Span));
        }
        return rules.DrainToImmutable();
    }

    private static ImmutableArray<NetworkPolicyPeer> ReadPeers(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var peers = ImmutableArray.CreateBuilder<NetworkPolicyPeer>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var peerPath = path.At(i);
            var item = sequence.Items[i];
            if (r.Present(item) is null)
            {
                EmptyPeer(r, item, peerPath);
                continue;
            }
            if (r.Mapping(item, peerPath) is { } mapping && ReadPeer(r, mapping, peerPath) is { } peer) peers.Add(peer);
        }
        return peers.DrainToImmutable();
    }

    /// <summary>Null for an empty peer: it is reported, and it allows nothing the API server would accept.</summary>
    private static NetworkPolicyPeer? ReadPeer(ObjectReader r, YamlMapping mapping, FieldPath path)
    {
        var pods = SelectorReader.Read(r, mapping.Get("podSelector"), path.Field("podSelector"));
        var namespaces = SelectorReader.Read(r, mapping.Get("namespaceSelector"), path.Field("namespaceSelector"));
        var ipBlock = IpBlockReader.Read(r, mapping.Get("ipBlock"), path.Field("ipBlock"));
        if (pods is null && namespaces is null && ipBlock is null)
        {
            EmptyPeer(r, mapping, path);
            return null;
        }
        if (ipBlock is not null && (pods is not null || namespaces is not null))
        {
            var selector = pods is not null ? "podSelector" : "namespaceSelector";
            r.Error(RuleIds.InvalidPeer, mapping, path,
                $"ipBlock cannot be combined with {selector} in one peer (expected either ipBlock alone, or podSelector and/or namespaceSelector; use two list entries)");
        }
        return new NetworkPolicyPeer(pods, namespaces, ipBlock, mapping.Span);
    }

    private static void EmptyPeer(ObjectReader r, YamlNode at, FieldPath path) =>
        r.Error(RuleIds.InvalidPeer, at, path,
            "a peer must set podSelector, namespaceSelector or ipBlock (an empty peer is rejected; to allow everything, omit the from/to list)");
}
