using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Builds a ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) into the same
/// <see cref="AdminPolicy"/> record as the v1alpha1 kinds, and checks what its CRD schema
/// checks: tier Admin or Baseline, priority 0..1000 in both tiers, exactly one subject field,
/// at most 25 rules per direction, rule names up to 100 characters, actions Accept, Deny or
/// Pass, 1..25 peers with exactly one field each (networks, nodes and domainNames in egress
/// only), protocols (see <see cref="ClusterPolicyProtocolReader"/>), and no named port beside
/// a networks, nodes or domainNames peer.
/// </summary>
/// <remarks>
/// What cannot be modelled is said per peer (peer-not-modelled), never decided in silence:
/// nodes and domainNames peers match nothing; a peer that sets no field PolicyLint knows fails
/// closed as the API asks ("For "Accept" rules, "fail closed" means: "treat the rule as
/// matching no traffic". For "Deny" and "Pass" rules, "fail closed" means: "treat the rule as
/// a 'Deny all' rule"").
/// </remarks>
internal static class ClusterNetworkPolicyReader
{
    public const int MaxRules = 25;
    public const int MaxPeers = 25;
    public const int MaxRuleNameLength = 100;

    private static readonly string[] IngressPeerFields = ["namespaces", "pods"];
    private static readonly string[] EgressPeerFields = ["namespaces", "pods", "nodes", "networks", "domainNames"];

    /// <summary>Null (reported) when there is no spec, no usable tier or no usable subject.</summary>
    public static AdminPolicy? Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        if (spec is null)
        {
            if (r.Present(root.Get("spec")) is null) r.Missing(root, specPath);
            return null;
        }
        var tier = ReadTier(r, spec, specPath);
        var priority = AdminPolicyReader.ReadPriority(r, spec, specPath);
        var subject = ReadSubject(r, spec, specPath.Field("subject"));
        var ingress = ReadRules(r, spec.Get("ingress"), specPath.Field("ingress"), PolicyDirections.Ingress);
        var egress = ReadRules(r, spec.Get("egress"), specPath.Field("egress"), PolicyDirections.Egress);
        if (tier is null || subject is null) return null;
        return new AdminPolicy(meta, tier.Value, priority, subject, ingress, egress);
    }

    private static PolicyTier? ReadTier(ObjectReader r, YamlMapping spec, FieldPath specPath)
    {
        var node = spec.Get("tier");
        var path = specPath.Field("tier");
        switch (r.Text(node, path))
        {
            case null:
                if (r.Present(node) is null) r.Missing(spec, path);
                return null;
            case "Admin":
                return PolicyTier.Admin;
            case "Baseline":
                return PolicyTier.Baseline;
            case var other:
                r.Error(RuleIds.InvalidObject, node!, path, $"{ObjectReader.Quote(other)} is not a tier (expected Admin or Baseline)");
                return null;
        }
    }

    private static AdminSelector? ReadSubject(ObjectReader r, YamlMapping spec, FieldPath path)
    {
        var node = spec.Get("subject");
        var subject = r.Mapping(node, path);
        if (subject is null)
        {
            if (r.Present(node) is null) r.Missing(spec, path);
            return null;
        }
        var (selector, fields) = ReadKnownFields(r, subject, path, IngressPeerFields, egress: false);
        if (fields != 1)
        {
            const string message = "exactly one of namespaces or pods must be set";
            r.Error(RuleIds.InvalidObject, subject, path, fields == 0 ? message : $"{message}, found {fields}");
        }
        return selector;
    }

    private static ImmutableArray<AdminRule> ReadRules(ObjectReader r, YamlNode? node, FieldPath path, PolicyDirections direction)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        if (sequence.Count > MaxRules)
        {
            r.Error(RuleIds.InvalidObject, sequence, path, $"{ObjectReader.Number(sequence.Count)} rules, at most {MaxRules} are allowed");
        }
        var rules = ImmutableArray.CreateBuilder<AdminRule>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var rulePath = path.At(i);
            if (r.Mapping(sequence.Items[i], rulePath) is not { } rule) continue;
            if (ReadRule(r, rule, rulePath, direction, i) is { } read) rules.Add(read);
        }
        return rules.DrainToImmutable();
    }

    private static AdminRule? ReadRule(ObjectReader r, YamlMapping rule, FieldPath rulePath, PolicyDirections direction, int index)
    {
        var name = r.Text(rule.Get("name"), rulePath.Field("name")) ?? "";
        if (name.Length > MaxRuleNameLength)
        {
            r.Error(RuleIds.InvalidObject, rule.Get("name")!, rulePath.Field("name"),
                $"{ObjectReader.Number(name.Length)} characters, at most {MaxRuleNameLength} are allowed");
        }
        var action = ReadAction(r, rule, rulePath);
        var egress = direction == PolicyDirections.Egress;
        var peersField = egress ? "to" : "from";
        var peers = ReadPeers(r, rule.Get(peersField), rulePath.Field(peersField), rule, egress, action);
        var protocolsNode = rule.Get("protocols");
        var ports = ClusterPolicyProtocolReader.Read(r, protocolsNode, rulePath.Field("protocols"));
        if (egress) CheckNamedPortPeers(r, peers.Selectors, ports, rulePath.Field("protocols"));
        if (action is not { } known) return null;
        if (peers.FailsClosed && known != AdminAction.Allow)
        {
            // "treat the rule as a 'Deny all' rule": every peer, every port.
            return new AdminRule(direction, index, name, AdminAction.Deny, [new EveryPeerSelector(rule.Span)], [], rule.Span);
        }
        return new AdminRule(direction, index, name, known, peers.Selectors, ports, rule.Span);
    }

    private static AdminAction? ReadAction(ObjectReader r, YamlMapping rule, FieldPath rulePath)
    {
        var node = rule.Get("action");
        var path = rulePath.Field("action");
        switch (r.Text(node, path))
        {
            case null:
                if (r.Present(node) is null) r.Missing(rule, path);
                return null;
            case "Accept":
                return AdminAction.Allow;
            case "Deny":
                return AdminAction.Deny;
            case "Pass":
                return AdminAction.Pass;
            case var other:
                r.Error(RuleIds.InvalidObject, node!, path, $"{ObjectReader.Quote(other)} is not an action (expected Accept, Deny or Pass)");
                return null;
        }
    }

    private readonly record struct RulePeers(ImmutableArray<AdminSelector> Selectors, bool FailsClosed);

    private static RulePeers ReadPeers(ObjectReader r, YamlNode? node, FieldPath path, YamlMapping rule, bool egress, AdminAction? action)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0)
        {
            r.Error(RuleIds.InvalidPeer, r.Present(node) ?? rule, path, "at least one peer is required");
            return new RulePeers([], false);
        }
        if (sequence.Count > MaxPeers)
        {
            r.Error(RuleIds.InvalidPeer, sequence, path, $"{ObjectReader.Number(sequence.Count)} peers, at most {MaxPeers} are allowed");
        }
        var peers = ImmutableArray.CreateBuilder<AdminSelector>(sequence.Count);
        var failsClosed = false;
        for (var i = 0; i < sequence.Count; i++)
        {
            var peerPath = path.At(i);
            var item = sequence.Items[i];
            if (r.Present(item) is null)
            {
                r.Error(RuleIds.InvalidPeer, item, peerPath, PeerFieldsMessage(egress));
                failsClosed = true;
                continue;
            }
            if (r.Mapping(item, peerPath) is not { } peer) continue;
            var (selector, fields) = ReadKnownFields(r, peer, peerPath, egress ? EgressPeerFields : IngressPeerFields, egress);
            if (fields > 1) r.Error(RuleIds.InvalidPeer, peer, peerPath, $"{PeerFieldsMessage(egress)}, found {fields}");
            if (fields == 0)
            {
                ReportFailClosed(r, peer, peerPath, egress, action);
                failsClosed = true;
                continue;
            }
            if (selector is null) continue;
            ReportNotModelled(r, selector, peer, peerPath, action);
            peers.Add(selector);
        }
        return new RulePeers(peers.DrainToImmutable(), failsClosed);
    }

    /// <summary>The selector of the first known field set, and how many known fields are set.</summary>
    private static (AdminSelector? Selector, int Fields) ReadKnownFields(ObjectReader r, YamlMapping mapping, FieldPath path, string[] known, bool egress)
    {
        AdminSelector? found = null;
        var fields = 0;
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlScalar { Value: var key } || !known.Contains(key)) continue;
            var fieldPath = path.Field(key);
            AdminSelector? selector = key switch
            {
                "namespaces" => AdminPolicyReader.ReadNamespaces(r, valueNode, fieldPath),
                "pods" => ReadPods(r, valueNode, fieldPath),
                "networks" => AdminPolicyReader.ReadNetworks(r, valueNode, fieldPath),
                "nodes" => AdminPolicyReader.ReadNodes(r, valueNode, fieldPath),
                _ => ReadDomainNames(r, valueNode, fieldPath),
            };
            fields++;
            found ??= selector;
        }
        if (!egress && fields == 0)
        {
            foreach (var egressOnly in EgressPeerFields.Except(IngressPeerFields).Where(f => mapping.Get(f) is not null))
            {
                r.Error(RuleIds.InvalidPeer, mapping.Get(egressOnly)!, path.Field(egressOnly), $"{egressOnly} is an egress peer only (expected namespaces or pods)");
            }
        }
        return (found, fields);
    }

    /// <summary>namespaceSelector may be omitted (every namespace); podSelector is required.</summary>
    private static AdminSelector? ReadPods(ObjectReader r, YamlNode node, FieldPath path)
    {
        if (r.Mapping(node, path) is { } mapping && r.Present(mapping.Get("podSelector")) is null)
        {
            r.Missing(mapping, path.Field("podSelector"));
        }
        return AdminPolicyReader.ReadPods(r, node, path);
    }

    private static AdminSelector? ReadDomainNames(ObjectReader r, YamlNode node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null) return null;
        if (sequence.Count == 0) r.Error(RuleIds.InvalidPeer, sequence, path, "at least one domain name is required");
        var names = ImmutableArray.CreateBuilder<string>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            if (r.Text(sequence.Items[i], path.At(i)) is not { } name) continue;
            if (!DomainNameSyntax.IsValid(name))
            {
                r.Error(RuleIds.InvalidPeer, sequence.Items[i], path.At(i),
                    $"{ObjectReader.Quote(name)} is not a domain name (expected labels separated by dots, optionally starting with \"*.\")");
            }
            names.Add(name);
        }
        return new DomainNamesSelector(names.DrainToImmutable(), sequence.Span);
    }

    private static void ReportFailClosed(ObjectReader r, YamlMapping peer, FieldPath path, bool egress, AdminAction? action)
    {
        var assumed = action == AdminAction.Allow
            ? "this Accept rule is read as matching no traffic from this peer"
            : "this rule is read as 'Deny all' (every peer, every port)";
        if (peer.Count == 0)
        {
            r.Error(RuleIds.InvalidPeer, peer, path, $"{PeerFieldsMessage(egress)}; failing closed as the API asks, {assumed}");
            return;
        }
        var fields = string.Join(", ", peer.Entries.Select(e => e.Key).OfType<YamlScalar>().Select(k => k.Value));
        if (!egress && EgressPeerFields.Any(f => peer.Get(f) is not null)) return; // reported as invalid-peer
        r.Warning(RuleIds.PeerNotModelled, peer, path,
            $"sets no peer field PolicyLint knows ({fields}); failing closed as the API asks, {assumed}");
    }

    private static void ReportNotModelled(ObjectReader r, AdminSelector selector, YamlMapping peer, FieldPath path, AdminAction? action)
    {
        var what = selector switch
        {
            NodesSelector => "nodes peers (node IPs are not in the manifests)",
            DomainNamesSelector => "domainNames peers (name resolution is not in the manifests)",
            _ => null,
        };
        if (what is null) return;
        var consequence = action switch
        {
            AdminAction.Allow => "traffic this rule accepts there is shown as decided by later tiers",
            AdminAction.Deny => "traffic this rule denies there is shown as decided by later tiers, so answers may allow more than the cluster does",
            _ => "traffic this rule passes there is shown as decided by the rest of this tier",
        };
        r.Warning(RuleIds.PeerNotModelled, peer, path, $"{what} are not modelled: assumed to match no destination; {consequence}");
    }

    /// <summary>
    /// "networks/nodes/domainNames peer cannot be set with namedPorts since there are no
    /// namedPorts for networks/nodes/domainNames" (the CRD's validation rule on egress rules).
    /// </summary>
    private static void CheckNamedPortPeers(ObjectReader r, ImmutableArray<AdminSelector> peers, ImmutableArray<PolicyPort> ports, FieldPath path)
    {
        if (!peers.Any(p => p is NetworksSelector or NodesSelector or DomainNamesSelector)) return;
        for (var i = 0; i < ports.Length; i++)
        {
            if (!ports[i].ProtocolOfContainerPort) continue;
            r.Error(RuleIds.InvalidPort, ports[i].Span, path,
                "destinationNamedPort cannot be used with a networks, nodes or domainNames peer (they have no named ports)");
        }
    }

    private static string PeerFieldsMessage(bool egress) => egress
        ? "a peer must set exactly one of namespaces, pods, nodes, networks or domainNames"
        : "a peer must set exactly one of namespaces or pods";
}
