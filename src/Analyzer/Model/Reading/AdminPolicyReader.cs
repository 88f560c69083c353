using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Builds AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1)
/// and checks what their API validation checks: priority 0..1000, the BANP is named "default",
/// exactly one subject field, exactly one field per peer, non-empty peer lists, known actions
/// (no Pass in a BANP). Networks and nodes peers are egress-only.
/// </summary>
internal static class AdminPolicyReader
{
    public const string BaselineName = "default";
    public const int MaxPriority = 1000;

    /// <summary>Null (reported) when there is no spec or no usable subject.</summary>
    public static AdminPolicy? Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var tier = meta.Ref.Kind == "BaselineAdminNetworkPolicy" ? PolicyTier.Baseline : PolicyTier.Admin;
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        if (spec is null)
        {
            if (r.Present(root.Get("spec")) is null) r.Missing(root, specPath);
            return null;
        }
        if (tier == PolicyTier.Baseline && meta.Name != BaselineName)
        {
            r.Error(RuleIds.InvalidObject, root, FieldPath.Root.Field("metadata").Field("name"),
                $"a BaselineAdminNetworkPolicy must be named \"{BaselineName}\" (there is only one per cluster)");
        }
        var priority = tier == PolicyTier.Admin ? ReadPriority(r, spec, specPath) : 0;
        var subject = ReadSubject(r, spec.Get("subject"), specPath.Field("subject"), spec);
        if (subject is null) return null;
        var ingress = ReadRules(r, tier, spec.Get("ingress"), specPath.Field("ingress"), PolicyDirections.Ingress);
        var egress = ReadRules(r, tier, spec.Get("egress"), specPath.Field("egress"), PolicyDirections.Egress);
        return new AdminPolicy(meta, tier, priority, subject, ingress, egress);
    }

    internal static int ReadPriority(ObjectReader r, YamlMapping spec, FieldPath specPath)
    {
        var node = spec.Get("priority");
        var path = specPath.Field("priority");
        var priority = r.Integer(node, path);
        if (priority is null)
        {
            if (r.Present(node) is null) r.Missing(spec, path);
            return 0;
        }
        if (priority is < 0 or > MaxPriority)
        {
            r.Error(RuleIds.InvalidObject, node!, path, $"{ObjectReader.Number(priority.Value)} is outside 0..{MaxPriority}");
        }
        return priority.Value;
    }

    private static AdminSelector? ReadSubject(ObjectReader r, YamlNode? node, FieldPath path, YamlMapping spec)
    {
        var subject = r.Mapping(node, path);
        if (subject is null)
        {
            if (r.Present(node) is null) r.Missing(spec, path);
            return null;
        }
        var selectors = ReadSelectors(r, subject, path, egress: false, "subject");
        return selectors.Length == 0 ? null : selectors[0];
    }

    private static ImmutableArray<AdminRule> ReadRules(ObjectReader r, PolicyTier tier, YamlNode? node, FieldPath path, PolicyDirections direction)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var rules = ImmutableArray.CreateBuilder<AdminRule>(sequence.Count);
        var peersField = direction == PolicyDirections.Ingress ? "from" : "to";
        for (var i = 0; i < sequence.Count; i++)
        {
            var rulePath = path.At(i);
            if (r.Mapping(sequence.Items[i], rulePath) is not { } rule) continue;
            var name = r.Text(rule.Get("name"), rulePath.Field("name")) ?? "";
            var action = ReadAction(r, tier, rule, rulePath);
            var peers = ReadPeers(r, rule.Get(peersField), rulePath.Field(peersField), rule, direction == PolicyDirections.Egress);
            var ports = PolicyPortReader.ReadAdminPorts(r, rule.Get("ports"), rulePath.Field("ports"));
            if (action is { } known) rules.Add(new AdminRule(direction, i, name, known, peers, ports, rule.Span));
        }
        return rules.DrainToImmutable();
    }

    private static AdminAction? ReadAction(ObjectReader r, PolicyTier tier, YamlMapping rule, FieldPath rulePath)
    {
        var node = rule.Get("action");
        var path = rulePath.Field("action");
        var text = r.Text(node, path);
        var expected = tier == PolicyTier.Admin ? "Allow, Deny or Pass" : "Allow or Deny";
        switch (text)
        {
            case null:
                r.Missing(rule, path);
                return null;
            case "Allow":
                return AdminAction.Allow;
            case "Deny":
                return AdminAction.Deny;
            case "Pass" when tier == PolicyTier.Admin:
                return AdminAction.Pass;
            case "Pass":
                r.Error(RuleIds.InvalidObject, node!, path, $"Pass is not allowed in a BaselineAdminNetworkPolicy (expected {expected})");
                return null;
            default:
                r.Error(RuleIds.InvalidObject, node!, path, $"{ObjectReader.Quote(text)} is not an action (expected {expected})");
                return null;
        }
    }

    private static ImmutableArray<AdminSelector> ReadPeers(ObjectReader r, YamlNode? node, FieldPath path, YamlMapping rule, bool egress)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0)
        {
            r.Error(RuleIds.InvalidPeer, r.Present(node) ?? rule, path, "at least one peer is required");
            return [];
        }
        var peers = ImmutableArray.CreateBuilder<AdminSelector>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var peerPath = path.At(i);
            var item = sequence.Items[i];
            if (r.Present(item) is null)
            {
                r.Error(RuleIds.InvalidPeer, item, peerPath, PeerFieldsMessage(egress));
                continue;
            }
            if (r.Mapping(item, peerPath) is not { } peer) continue;
            peers.AddRange(ReadSelectors(r, peer, peerPath, egress, "peer"));
        }
        return peers.DrainToImmutable();
    }

    /// <summary>The one selector set in a subject or peer; more than one is reported and the first is used.</summary>
    private static ImmutableArray<AdminSelector> ReadSelectors(ObjectReader r, YamlMapping mapping, FieldPath path, bool egress, string what)
    {
        var found = ImmutableArray.CreateBuilder<AdminSelector>(1);
        var fields = 0;
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlScalar { Value: var key }) continue;
            var fieldPath = path.Field(key);
            AdminSelector? selector = key switch
            {
                "namespaces" => ReadNamespaces(r, valueNode, fieldPath),
                "pods" => ReadPods(r, valueNode, fieldPath),
                "networks" when egress => ReadNetworks(r, valueNode, fieldPath),
                "nodes" when egress => ReadNodes(r, valueNode, fieldPath),
                _ => null,
            };
            var known = key is "namespaces" or "pods" || (egress && key is "networks" or "nodes");
            if (!known) continue;
            fields++;
            if (selector is not null && found.Count == 0) found.Add(selector);
        }
        if (fields != 1)
        {
            var rule = what == "subject" ? RuleIds.InvalidObject : RuleIds.InvalidPeer;
            var message = what == "subject" ? "exactly one of namespaces or pods must be set" : PeerFieldsMessage(egress);
            r.Error(rule, mapping, path, fields == 0 ? message : $"{message}, found {fields}");
        }
        return found.DrainToImmutable();
    }

    private static string PeerFieldsMessage(bool egress) => egress
        ? "a peer must set exactly one of namespaces, pods, networks or nodes"
        : "a peer must set exactly one of namespaces or pods";

    internal static AdminSelector? ReadNamespaces(ObjectReader r, YamlNode node, FieldPath path) =>
        SelectorReader.Read(r, node, path) is { } selector ? new NamespacesSelector(selector, selector.Span) : null;

    internal static AdminSelector? ReadPods(ObjectReader r, YamlNode node, FieldPath path)
    {
        var mapping = r.Mapping(node, path);
        if (mapping is null) return null;
        // A missing selector selects everything, as the reference tool (and the API defaults) read it.
        var namespaces = SelectorReader.Read(r, mapping.Get("namespaceSelector"), path.Field("namespaceSelector"));
        var pods = SelectorReader.Read(r, mapping.Get("podSelector"), path.Field("podSelector"));
        return new PodsSelector(namespaces ?? new LabelSelector([], mapping.Span), pods ?? new LabelSelector([], mapping.Span), mapping.Span);
    }

    internal static AdminSelector? ReadNetworks(ObjectReader r, YamlNode node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null) return null;
        if (sequence.Count == 0) r.Error(RuleIds.InvalidPeer, sequence, path, "at least one CIDR is required");
        var networks = ImmutableArray.CreateBuilder<CidrText>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            if (r.Text(sequence.Items[i], path.At(i)) is not { } text) continue;
            IpBlockReader.Check(r, sequence.Items[i], path.At(i), text);
            networks.Add(new CidrText(text, sequence.Items[i].Span));
        }
        return new NetworksSelector(networks.DrainToImmutable(), sequence.Span);
    }

    internal static AdminSelector? ReadNodes(ObjectReader r, YamlNode node, FieldPath path) =>
        SelectorReader.Read(r, node, path) is { } selector ? new NodesSelector(selector, selector.Span) : null;
}
