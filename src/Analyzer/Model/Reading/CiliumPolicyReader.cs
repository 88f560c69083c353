using System.Collections.Immutable;
using System.Globalization;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Builds a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (cilium.io/v2) and checks
/// what its CRD schema and Cilium's own validation refuse: <c>spec</c> or <c>specs</c>
/// present; per rule exactly one of endpointSelector and nodeSelector (nodeSelector only
/// clusterwide); L3 peer fields not combined in one rule ("Combining ... is not supported
/// yet"); entities, CIDRs, ports and protocols as the schema spells them.
/// </summary>
/// <remarks>
/// What the model cannot represent is said per rule as <c>peer-not-modelled</c>, never dropped
/// in silence (docs/cilium.md): nodeSelector, fromNodes/toNodes, fromGroups/toGroups, toFQDNs,
/// fromRequires/toRequires, icmps, authentication, L7 rules, CIDR groups, the entities made of
/// nodes or Cilium's own endpoints, and selector keys of sources other than k8s.
/// </remarks>
internal static class CiliumPolicyReader
{
    private static readonly string[] IngressL3 = ["fromEndpoints", "fromCIDR", "fromCIDRSet", "fromEntities", "fromNodes", "fromGroups"];
    private static readonly string[] EgressL3 = ["toEndpoints", "toCIDR", "toCIDRSet", "toEntities", "toServices", "toFQDNs", "toNodes", "toGroups"];
    private const int MaxPortsPerRule = 40;

    /// <summary>Null (reported) when neither spec nor specs holds a rule.</summary>
    public static CiliumPolicy? Read(ObjectReader r, ObjectMeta meta, YamlMapping root, bool clusterwide)
    {
        var scope = clusterwide ? null : meta.Namespace;
        var rules = ImmutableArray.CreateBuilder<CiliumRule>();
        var specPath = FieldPath.Root.Field("spec");
        if (r.Mapping(root.Get("spec"), specPath) is { } spec && ReadRule(r, spec, specPath, "spec", scope, clusterwide) is { } single)
        {
            rules.Add(single);
        }
        var specsPath = FieldPath.Root.Field("specs");
        if (r.Sequence(root.Get("specs"), specsPath) is { } specs)
        {
            for (var i = 0; i < specs.Count; i++)
            {
                var itemPath = specsPath.At(i);
                if (r.Mapping(specs.Items[i], itemPath) is { } item && ReadRule(r, item, itemPath, itemPath.ToString(), scope, clusterwide) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }
        if (r.Present(root.Get("spec")) is null && r.Present(root.Get("specs")) is null)
        {
            r.Error(RuleIds.InvalidObject, root, FieldPath.Root, "neither spec nor specs is set (Cilium refuses an empty policy)");
            return null;
        }
        return new CiliumPolicy(meta, clusterwide, rules.ToImmutable());
    }

    private static CiliumRule? ReadRule(ObjectReader r, YamlMapping spec, FieldPath path, string name, string? scope, bool clusterwide)
    {
        var endpointNode = spec.Get("endpointSelector");
        var nodeNode = r.Present(spec.Get("nodeSelector"));
        var written = SelectorReader.Read(r, endpointNode, path.Field("endpointSelector"), sourcePrefixedKeys: true);
        if (written is null && nodeNode is null)
        {
            r.Error(RuleIds.InvalidObject, spec, path, "exactly one of endpointSelector and nodeSelector is required (neither is set)");
            return null;
        }
        if (written is not null && nodeNode is not null)
        {
            r.Error(RuleIds.InvalidObject, nodeNode, path.Field("nodeSelector"), "exactly one of endpointSelector and nodeSelector is allowed (both are set)");
        }
        else if (nodeNode is not null && !clusterwide)
        {
            r.Error(RuleIds.InvalidObject, nodeNode, path.Field("nodeSelector"), "a CiliumNetworkPolicy cannot select nodes (nodeSelector is for CiliumClusterwideNetworkPolicy)");
        }
        else if (nodeNode is not null)
        {
            r.Warning(RuleIds.PeerNotModelled, nodeNode, path.Field("nodeSelector"),
                "nodeSelector (a host policy: nodes are not in the manifests) is not modelled: this rule is taken to apply to no pod");
        }
        if (written is not null) WarnOtherSources(r, endpointNode!, path.Field("endpointSelector"), written);
        var subject = written is null ? null : CiliumSelector.From(written, scope, subject: true);
        var (defaultIngress, defaultEgress) = ReadDefaultDeny(r, spec.Get("enableDefaultDeny"), path.Field("enableDefaultDeny"));
        return new CiliumRule(
            name,
            subject,
            written is null,
            ReadRules(r, spec, path, name, "ingress", PolicyDirections.Ingress, deny: false, scope),
            ReadRules(r, spec, path, name, "egress", PolicyDirections.Egress, deny: false, scope),
            ReadRules(r, spec, path, name, "ingressDeny", PolicyDirections.Ingress, deny: true, scope),
            ReadRules(r, spec, path, name, "egressDeny", PolicyDirections.Egress, deny: true, scope),
            defaultIngress,
            defaultEgress,
            spec.Span);
    }

    private static (bool? Ingress, bool? Egress) ReadDefaultDeny(ObjectReader r, YamlNode? node, FieldPath path)
    {
        if (r.Mapping(node, path) is not { } mapping) return (null, null);
        return (r.Boolean(mapping.Get("ingress"), path.Field("ingress")), r.Boolean(mapping.Get("egress"), path.Field("egress")));
    }

    private static ImmutableArray<CiliumPeerRule> ReadRules(
        ObjectReader r, YamlMapping spec, FieldPath specPath, string specName, string field, PolicyDirections direction, bool deny, string? scope)
    {
        var path = specPath.Field(field);
        if (r.Sequence(spec.Get(field), path) is not { } sequence) return [];
        var rules = ImmutableArray.CreateBuilder<CiliumPeerRule>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            var node = sequence.Items[i];
            var mapping = r.Present(node) is null ? new YamlMapping([], node.File, node.Line, node.Column) : r.Mapping(node, itemPath);
            if (mapping is null) continue;
            rules.Add(ReadRule(r, mapping, itemPath, $"{specName}.{field}[{i.ToString(CultureInfo.InvariantCulture)}]", direction, deny, i, scope));
        }
        return rules.DrainToImmutable();
    }

    private static CiliumPeerRule ReadRule(
        ObjectReader r, YamlMapping rule, FieldPath path, string field, PolicyDirections direction, bool deny, int index, string? scope)
    {
        var ingress = direction == PolicyDirections.Ingress;
        var prefix = ingress ? "from" : "to";
        var notModelled = new List<string>();
        var layer7 = new List<string>();
        CheckL3Combination(r, rule, path, ingress ? IngressL3 : EgressL3);
        var endpoints = ReadSelectors(r, rule, path.Field(prefix + "Endpoints"), prefix + "Endpoints", scope, notModelled);
        var entities = ReadEntities(r, rule.Get(prefix + "Entities"), path.Field(prefix + "Entities"), notModelled);
        var cidrs = ReadCidrs(r, rule.Get(prefix + "CIDR"), path.Field(prefix + "CIDR"))
            .AddRange(ReadCidrSets(r, rule.Get(prefix + "CIDRSet"), path.Field(prefix + "CIDRSet"), notModelled));
        var services = ingress ? [] : ReadServices(r, rule.Get("toServices"), path.Field("toServices"));
        foreach (var unmodelled in new[] { "Nodes", "Groups", "Requires" })
        {
            if (r.Present(rule.Get(prefix + unmodelled)) is not null) notModelled.Add(prefix + unmodelled);
        }
        if (!ingress && r.Present(rule.Get("toFQDNs")) is not null) notModelled.Add("toFQDNs (DNS answers are not in the manifests)");
        if (r.Present(rule.Get("icmps")) is not null) notModelled.Add("icmps (ICMP is not modelled)");
        if (r.Present(rule.Get("authentication")) is not null) layer7.Add("authentication (taken as satisfied)");
        var portsNode = r.Present(rule.Get("toPorts"));
        var (ports, onlyUnmodelled) = ReadToPorts(r, portsNode, path.Field("toPorts"), notModelled, layer7);
        // icmps without toPorts names ICMP only: nothing the model has, not every port.
        if (portsNode is null && r.Present(rule.Get("icmps")) is not null) onlyUnmodelled = true;
        var anyL3 = (ingress ? IngressL3 : EgressL3).Any(f => r.Present(rule.Get(f)) is not null);
        WarnNotModelled(r, rule, path, deny, notModelled, layer7);
        return new CiliumPeerRule(direction, deny, index, field, endpoints, entities, cidrs, services,
            AnyPeer: !anyL3 && portsNode is not null,
            ports,
            rule.Span)
        {
            NamesNothing = onlyUnmodelled,
        };
    }

    private static void WarnNotModelled(ObjectReader r, YamlMapping rule, FieldPath path, bool deny, List<string> peers, List<string> layer7)
    {
        if (peers.Count > 0)
        {
            var effect = deny
                ? "what they name is not denied here, so the answers may allow more than the cluster does"
                : "what they name is not allowed here, so the answers may allow less than the cluster does";
            r.Warning(RuleIds.PeerNotModelled, rule, path, $"{string.Join(", ", peers)}: not modelled; {effect}");
        }
        if (layer7.Count > 0)
        {
            r.Warning(RuleIds.PeerNotModelled, rule, path,
                $"{string.Join(", ", layer7)}: not modelled at L3/L4 precision; the rule allows its ports as if they were absent (L7 rules filter requests on an allowed connection, they do not change the L3/L4 verdict)");
        }
    }

    /// <summary>Cilium: "Combining %s and %s is not supported yet" for two L3 peer fields in one rule.</summary>
    private static void CheckL3Combination(ObjectReader r, YamlMapping rule, FieldPath path, string[] fields)
    {
        var present = fields.Where(f => r.Present(rule.Get(f)) is YamlSequence { Count: > 0 } or YamlMapping).ToList();
        if (present.Count > 1)
        {
            r.Error(RuleIds.InvalidPeer, rule.Get(present[1])!, path.Field(present[1]),
                $"combining {present[0]} and {present[1]} in one rule is not supported by Cilium (write two rules)");
        }
    }

    private static ImmutableArray<CiliumSelector> ReadSelectors(ObjectReader r, YamlMapping rule, FieldPath path, string field, string? scope, List<string> notModelled)
    {
        if (r.Sequence(rule.Get(field), path) is not { } sequence) return [];
        var selectors = ImmutableArray.CreateBuilder<CiliumSelector>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var node = sequence.Items[i];
            var written = r.Present(node) is null
                ? LabelSelector.Everything
                : SelectorReader.Read(r, node, path.At(i), sourcePrefixedKeys: true);
            if (written is null) continue;
            var selector = CiliumSelector.From(written, scope, subject: false);
            if (selector.NamesOtherSources) notModelled.Add($"{field}[{i.ToString(CultureInfo.InvariantCulture)}] keys of sources other than k8s (they match no pod)");
            selectors.Add(selector);
        }
        return selectors.DrainToImmutable();
    }

    private static void WarnOtherSources(ObjectReader r, YamlNode at, FieldPath path, LabelSelector written)
    {
        if (CiliumSelector.From(written, null, subject: true).NamesOtherSources)
        {
            r.Warning(RuleIds.PeerNotModelled, at, path, "keys of sources other than k8s (reserved:, cidr:, ...) are not modelled: they match no pod");
        }
    }

    private static ImmutableArray<CiliumEntity> ReadEntities(ObjectReader r, YamlNode? node, FieldPath path, List<string> notModelled)
    {
        var texts = r.Sequence(node, path) is { } sequence ? sequence.Items : [];
        var entities = ImmutableArray.CreateBuilder<CiliumEntity>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (r.Text(texts[i], path.At(i)) is not { } text) continue;
            if (!CiliumEntities.TryParse(text, out var entity))
            {
                r.Error(RuleIds.InvalidPeer, texts[i], path.At(i), $"{ObjectReader.Quote(text)} is not an entity (expected {CiliumEntities.Expected})");
                continue;
            }
            if (!CiliumEntities.IsModelled(entity)) notModelled.Add($"entity {text} (not in the manifests)");
            entities.Add(entity);
        }
        return entities.ToImmutable();
    }

    private static ImmutableArray<IpBlock> ReadCidrs(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var blocks = ImmutableArray.CreateBuilder<IpBlock>();
        if (r.Sequence(node, path) is not { } sequence) return [];
        for (var i = 0; i < sequence.Count; i++)
        {
            if (r.Text(sequence.Items[i], path.At(i)) is not { } text) continue;
            IpBlockReader.Check(r, sequence.Items[i], path.At(i), text);
            blocks.Add(new IpBlock(new CidrText(text, sequence.Items[i].Span), [], sequence.Items[i].Span));
        }
        return blocks.ToImmutable();
    }

    private static ImmutableArray<IpBlock> ReadCidrSets(ObjectReader r, YamlNode? node, FieldPath path, List<string> notModelled)
    {
        var blocks = ImmutableArray.CreateBuilder<IpBlock>();
        if (r.Sequence(node, path) is not { } sequence) return [];
        for (var i = 0; i < sequence.Count; i++)
        {
            if (r.Mapping(sequence.Items[i], path.At(i)) is not { } item) continue;
            if (r.Present(item.Get("cidrGroupRef")) is not null || r.Present(item.Get("cidrGroupSelector")) is not null)
            {
                notModelled.Add("CIDR groups (CiliumCIDRGroup objects are not read)");
                continue;
            }
            if (IpBlockReader.Read(r, item, path.At(i)) is { } block) blocks.Add(block);
        }
        return blocks.ToImmutable();
    }

    private static ImmutableArray<CiliumServiceRef> ReadServices(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var services = ImmutableArray.CreateBuilder<CiliumServiceRef>();
        if (r.Sequence(node, path) is not { } sequence) return [];
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is not { } item) continue;
            if (r.Mapping(item.Get("k8sService"), itemPath.Field("k8sService")) is { } byName)
            {
                var name = r.Text(byName.Get("serviceName"), itemPath.Field("k8sService").Field("serviceName"));
                var ns = r.Text(byName.Get("namespace"), itemPath.Field("k8sService").Field("namespace"));
                services.Add(new CiliumServiceRef(name, null, ns, item.Span));
            }
            else if (r.Mapping(item.Get("k8sServiceSelector"), itemPath.Field("k8sServiceSelector")) is { } bySelector)
            {
                var selectorPath = itemPath.Field("k8sServiceSelector").Field("selector");
                var selector = SelectorReader.Read(r, bySelector.Get("selector"), selectorPath);
                if (selector is null) r.Missing(bySelector, selectorPath);
                var ns = r.Text(bySelector.Get("namespace"), itemPath.Field("k8sServiceSelector").Field("namespace"));
                services.Add(new CiliumServiceRef(null, selector ?? LabelSelector.Everything, ns, item.Span));
            }
            else
            {
                r.Error(RuleIds.InvalidPeer, item, itemPath, "a toServices entry needs k8sService or k8sServiceSelector");
            }
        }
        return services.ToImmutable();
    }

    /// <summary>
    /// The ports of every toPorts entry (their union). OnlyUnmodelled: toPorts was written but
    /// every port is of a protocol the model lacks (ICMP, VRRP, IGMP), so the rule names no
    /// connection at all, rather than every port.
    /// </summary>
    private static (ImmutableArray<PolicyPort> Ports, bool OnlyUnmodelled) ReadToPorts(ObjectReader r, YamlNode? node, FieldPath path, List<string> notModelled, List<string> layer7)
    {
        if (r.Sequence(node, path) is not { } sequence || sequence.Count == 0) return ([], false);
        var ports = ImmutableArray.CreateBuilder<PolicyPort>();
        var unmodelled = 0;
        var everyPort = false;
        for (var i = 0; i < sequence.Count; i++)
        {
            var itemPath = path.At(i);
            if (r.Mapping(sequence.Items[i], itemPath) is not { } item) continue;
            if (r.Present(item.Get("rules")) is not null) layer7.Add($"L7 rules of toPorts[{i.ToString(CultureInfo.InvariantCulture)}]");
            if (r.Present(item.Get("serverNames")) is not null) layer7.Add($"serverNames of toPorts[{i.ToString(CultureInfo.InvariantCulture)}]");
            var list = r.Sequence(item.Get("ports"), itemPath.Field("ports"));
            if (list is null || list.Count == 0)
            {
                everyPort = true;
                continue;
            }
            if (list.Count > MaxPortsPerRule)
            {
                r.Error(RuleIds.InvalidPort, list, itemPath.Field("ports"), $"{list.Count.ToString(CultureInfo.InvariantCulture)} ports (the CRD allows at most {MaxPortsPerRule.ToString(CultureInfo.InvariantCulture)})");
            }
            for (var j = 0; j < list.Count; j++)
            {
                var portPath = itemPath.Field("ports").At(j);
                if (r.Mapping(list.Items[j], portPath) is not { } port) continue;
                var read = ReadPort(r, port, portPath);
                if (read is null)
                {
                    unmodelled++;
                    notModelled.Add($"toPorts[{i.ToString(CultureInfo.InvariantCulture)}].ports[{j.ToString(CultureInfo.InvariantCulture)}] protocol");
                    continue;
                }
                ports.AddRange(read);
            }
        }
        if (everyPort) return ([], false);
        return (ports.ToImmutable(), ports.Count == 0 && unmodelled > 0);
    }

    /// <summary>
    /// One port entry; null for a protocol the model lacks. Protocol ANY (the default) is TCP,
    /// UDP and SCTP; port missing or "0" is every port; a name resolves on the destination
    /// (with ANY: in the container port's own protocol).
    /// </summary>
    private static ImmutableArray<PolicyPort>? ReadPort(ObjectReader r, YamlMapping port, FieldPath path)
    {
        var protocolNode = port.Get("protocol");
        var protocolText = r.Text(protocolNode, path.Field("protocol")) ?? "ANY";
        Protocol? protocol = null;
        switch (protocolText)
        {
            case "ANY":
                break;
            case "ICMP" or "ICMPv6" or "VRRP" or "IGMP":
                return null;
            default:
                if (Protocols.TryParse(protocolText, out var parsed)) protocol = parsed;
                else r.Error(RuleIds.InvalidPort, protocolNode!, path.Field("protocol"), $"{ObjectReader.Quote(protocolText)} is not a protocol (expected TCP, UDP, SCTP, ICMP, ICMPv6, VRRP, IGMP or ANY)");
                break;
        }
        var portNode = port.Get("port");
        var text = r.Text(portNode, path.Field("port"));
        var endNode = port.Get("endPort");
        var end = r.Integer(endNode, path.Field("endPort"));
        PortRef? reference = null;
        if (text is { Length: > 0 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number > PortSyntax.MaxPort) r.Error(RuleIds.InvalidPort, portNode!, path.Field("port"), $"{text} is not a valid port (expected 0-65535)");
            else if (number > 0) reference = PortRef.Of(number);
            if (end is { } e && number > 0 && (e < number || e > PortSyntax.MaxPort))
            {
                r.Error(RuleIds.InvalidPort, endNode!, path.Field("endPort"), $"endPort {e.ToString(CultureInfo.InvariantCulture)} must be between port {text} and 65535");
            }
        }
        else if (text is { Length: > 0 })
        {
            reference = PortRef.Of(text);
            PolicyPortReader.CheckPort(r, portNode!, path.Field("port"), reference.Value);
            if (end is not null) r.Error(RuleIds.InvalidPort, endNode!, path.Field("endPort"), $"endPort cannot be used with the named port {ObjectReader.Quote(text)}");
        }
        var span = port.Span;
        if (reference is { IsNamed: true } && protocol is null)
        {
            return [PolicyPortReader.NamedPortOfAnyProtocol(reference.Value, span)];
        }
        IEnumerable<Protocol> protocols = protocol is { } one ? [one] : Protocols.All;
        var endPort = reference is { IsNamed: false } ? end : null;
        return [.. protocols.Select(p => new PolicyPort(p, reference, endPort, span))];
    }
}
