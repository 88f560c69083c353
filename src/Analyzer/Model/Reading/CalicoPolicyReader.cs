using System.Collections.Immutable;
using System.Globalization;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Builds Calico NetworkPolicy, GlobalNetworkPolicy and Tier objects (projectcalico.org/v3 and
/// the crd.projectcalico.org/v1 form of a dump) and checks what Calico's validation refuses:
/// selectors that do not parse (invalid-selector with the column of the problem), unknown
/// actions and types, nets that are no CIDR, ports that are no number, range or name, ports
/// without a protocol that has ports. What it does not model is said per object and field
/// (calico-not-modelled, docs/calico.md).
/// </summary>
internal static class CalicoPolicyReader
{
    public const string DefaultTier = "default";

    /// <summary>The kinds' names as findings print them: a Calico NetworkPolicy is not a Kubernetes one.</summary>
    public const string NetworkPolicyKind = "Calico NetworkPolicy";

    public const string GlobalNetworkPolicyKind = "Calico GlobalNetworkPolicy";

    public const string TierKind = "Calico Tier";

    public static bool IsCalico(string apiVersion) =>
        PolicyKindsNotModelled.Group(apiVersion) is "projectcalico.org" or "crd.projectcalico.org";

    /// <summary>The ObjectRef kind of a Calico object of manifest kind <paramref name="kind"/>.</summary>
    public static string RefKind(string kind) => kind switch
    {
        "NetworkPolicy" => NetworkPolicyKind,
        "GlobalNetworkPolicy" => GlobalNetworkPolicyKind,
        _ => TierKind,
    };

    public static CalicoPolicy? Read(ObjectReader r, ObjectMeta meta, YamlMapping root, bool global)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        if (spec is null)
        {
            if (r.Present(root.Get("spec")) is null) r.Missing(root, specPath);
            return null;
        }
        var tier = r.Text(spec.Get("tier"), specPath.Field("tier")) is { Length: > 0 } t ? t : DefaultTier;
        var order = ReadOrder(r, spec, specPath);
        var selector = Selector(r, spec.Get("selector"), specPath.Field("selector")) ?? CalicoAll.Instance;
        CalicoSelector? namespaceSelector = null;
        if (global)
        {
            namespaceSelector = Selector(r, spec.Get("namespaceSelector"), specPath.Field("namespaceSelector"));
            foreach (var field in new[] { "doNotTrack", "preDNAT", "applyOnForward" })
            {
                if (spec.Get(field) is { } flag && r.Boolean(flag, specPath.Field(field)) == true)
                {
                    r.Warning(RuleIds.CalicoNotModelled, flag, specPath.Field(field),
                        $"{field} is not modelled (it concerns host endpoints, which are not in the manifests); the policy is analysed as for pods, where Calico ignores {field}");
                }
            }
        }
        else if (spec.Get("namespaceSelector") is { } misplaced)
        {
            r.Error(RuleIds.InvalidObject, misplaced, specPath.Field("namespaceSelector"),
                "a namespaced Calico NetworkPolicy has no spec.namespaceSelector (it applies to its own namespace; use a GlobalNetworkPolicy)");
        }
        var serviceAccounts = Selector(r, spec.Get("serviceAccountSelector"), specPath.Field("serviceAccountSelector"));
        var ingress = ReadRules(r, spec.Get("ingress"), specPath.Field("ingress"), PolicyDirections.Ingress);
        var egress = ReadRules(r, spec.Get("egress"), specPath.Field("egress"), PolicyDirections.Egress);
        var types = ReadTypes(r, spec, specPath, ingress, egress);
        return new CalicoPolicy(meta, global, tier, order, selector, namespaceSelector, serviceAccounts, types, ingress, egress);
    }

    public static CalicoTier? ReadTier(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        var order = spec is null ? null : ReadOrder(r, spec, specPath);
        var action = TierDefaultAction.Deny;
        if (spec?.Get("defaultAction") is { } node)
        {
            switch (r.Text(node, specPath.Field("defaultAction")))
            {
                case "Deny": break;
                case "Pass": action = TierDefaultAction.Pass; break;
                case { } other:
                    r.Error(RuleIds.InvalidObject, node, specPath.Field("defaultAction"), $"{ObjectReader.Quote(other)} is not a default action (expected Deny or Pass)");
                    break;
            }
        }
        return new CalicoTier(meta, order, action);
    }

    /// <summary>
    /// Profiles are not read: every pod is assumed to end in a profile that allows everything,
    /// as Calico's kns.NAMESPACE profiles for Kubernetes pods do (docs/calico.md). A Profile whose
    /// rules are not exactly that (one Allow rule per direction) is said not to be modelled.
    /// </summary>
    public static void CheckProfile(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        r.Object = meta.Ref;
        var spec = root.Get("spec") as YamlMapping;
        if (spec is not null && AllowsAll(spec.Get("ingress")) && AllowsAll(spec.Get("egress"))) return;
        r.Warning(RuleIds.CalicoNotModelled, root, FieldPath.Root.Field("spec"),
            "Profiles are not modelled: every pod's profile is assumed to allow everything (as Calico's kns.<namespace> profiles do), and this one has other rules");
    }

    private static bool AllowsAll(YamlNode? rules) =>
        rules is YamlSequence { Count: 1 } sequence && sequence.Items[0] is YamlMapping { Count: 1 } rule && rule.GetText("action") == "Allow";

    private static double? ReadOrder(ObjectReader r, YamlMapping spec, FieldPath specPath)
    {
        var node = r.Present(spec.Get("order"));
        if (node is null) return null;
        if (node is YamlScalar { IsPlain: true } scalar
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var order)
            && double.IsFinite(order))
        {
            return order;
        }
        r.WrongType(node, specPath.Field("order"), "a number");
        return null;
    }

    /// <summary>
    /// spec.types, or its default: "If types has no value, Calico defaults as follows": Ingress
    /// when there are no egress rules, Egress when there are egress rules only, both when both.
    /// </summary>
    private static PolicyDirections ReadTypes(ObjectReader r, YamlMapping spec, FieldPath specPath, ImmutableArray<CalicoRule> ingress, ImmutableArray<CalicoRule> egress)
    {
        var path = specPath.Field("types");
        var written = r.Sequence(spec.Get("types"), path);
        if (written is null || written.Count == 0)
        {
            var hasEgress = spec.Get("egress") is YamlSequence { Count: > 0 };
            var hasIngress = spec.Get("ingress") is YamlSequence { Count: > 0 };
            return hasEgress && !hasIngress ? PolicyDirections.Egress
                : hasEgress ? PolicyDirections.Both
                : PolicyDirections.Ingress;
        }
        var types = PolicyDirections.None;
        for (var i = 0; i < written.Count; i++)
        {
            switch (r.Text(written.Items[i], path.At(i)))
            {
                case "Ingress": types |= PolicyDirections.Ingress; break;
                case "Egress": types |= PolicyDirections.Egress; break;
                case { } other:
                    r.Error(RuleIds.InvalidObject, written.Items[i], path.At(i), $"{ObjectReader.Quote(other)} is not a policy type (expected Ingress or Egress)");
                    break;
            }
        }
        return types;
    }

    private static ImmutableArray<CalicoRule> ReadRules(ObjectReader r, YamlNode? node, FieldPath path, PolicyDirections direction)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var rules = ImmutableArray.CreateBuilder<CalicoRule>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var rulePath = path.At(i);
            if (r.Mapping(sequence.Items[i], rulePath) is not { } rule) continue;
            if (ReadRule(r, rule, rulePath, direction, i) is { } read) rules.Add(read);
        }
        return rules.DrainToImmutable();
    }

    private static CalicoRule? ReadRule(ObjectReader r, YamlMapping rule, FieldPath rulePath, PolicyDirections direction, int index)
    {
        var action = ReadAction(r, rule, rulePath);
        var protocol = ReadProtocol(r, rule.Get("protocol"), rulePath.Field("protocol"));
        var notProtocol = ReadProtocol(r, rule.Get("notProtocol"), rulePath.Field("notProtocol"));
        foreach (var field in new[] { "http", "ipVersion" })
        {
            if (r.Present(rule.Get(field)) is { } present)
            {
                var what = field == "http" ? "an HTTP match (application layer policy)" : "ipVersion";
                r.Warning(RuleIds.CalicoNotModelled, present, rulePath.Field(field), $"{what} is not modelled: the rule is analysed as if it were absent, so it matches more traffic than in the cluster");
            }
        }
        var source = ReadEntity(r, rule.Get("source"), rulePath.Field("source"), protocol, isSource: true);
        var destination = ReadEntity(r, rule.Get("destination"), rulePath.Field("destination"), protocol, isSource: false);
        return action is { } known
            ? new CalicoRule(direction, index, known, protocol, notProtocol, source, destination, rule.Span)
            : null;
    }

    private static CalicoAction? ReadAction(ObjectReader r, YamlMapping rule, FieldPath rulePath)
    {
        var node = rule.Get("action");
        var path = rulePath.Field("action");
        switch (r.Text(node, path))
        {
            case null:
                r.Missing(rule, path);
                return null;
            case "Allow": return CalicoAction.Allow;
            case "Deny": return CalicoAction.Deny;
            case "Pass": return CalicoAction.Pass;
            case "Log": return CalicoAction.Log;
            case var other:
                r.Error(RuleIds.InvalidObject, node!, path, $"{ObjectReader.Quote(other)} is not an action (expected Allow, Deny, Pass or Log)");
                return null;
        }
    }

    /// <summary>TCP, UDP, SCTP (or their numbers 6, 17, 132) are modelled; ICMP, ICMPv6, UDPLite and other numbers 1-255 are not.</summary>
    private static CalicoProtocol? ReadProtocol(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var text = r.Text(node, path);
        if (text is null) return null;
        switch (text)
        {
            case "TCP" or "6": return new CalicoProtocol(Protocol.TCP, text);
            case "UDP" or "17": return new CalicoProtocol(Protocol.UDP, text);
            case "SCTP" or "132": return new CalicoProtocol(Protocol.SCTP, text);
            case "ICMP" or "ICMPv6" or "UDPLite":
                r.Warning(RuleIds.CalicoNotModelled, node!, path, $"protocol {text} is not modelled (only TCP, UDP and SCTP are): the rule is read as matching none of the modelled traffic");
                return new CalicoProtocol(null, text);
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 255)
        {
            r.Warning(RuleIds.CalicoNotModelled, node!, path, $"protocol {text} is not modelled (only TCP, UDP and SCTP are): the rule is read as matching none of the modelled traffic");
            return new CalicoProtocol(null, text);
        }
        r.Error(RuleIds.InvalidObject, node!, path, $"{ObjectReader.Quote(text)} is not a protocol (expected TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1-255)");
        return null;
    }

    private static CalicoEntity ReadEntity(ObjectReader r, YamlNode? node, FieldPath path, CalicoProtocol? protocol, bool isSource)
    {
        var entity = r.Mapping(node, path);
        if (entity is null) return CalicoEntity.Any;
        if (r.Present(entity.Get("services")) is { } services)
        {
            r.Warning(RuleIds.CalicoNotModelled, services, path.Field("services"),
                "a services match is not modelled: the rule is analysed as if it were absent, so it matches more peers than in the cluster");
        }
        var names = ImmutableArray<string>.Empty;
        CalicoSelector? accountSelector = null;
        if (r.Mapping(entity.Get("serviceAccounts"), path.Field("serviceAccounts")) is { } accounts)
        {
            names = r.StringList(accounts.Get("names"), path.Field("serviceAccounts").Field("names"));
            accountSelector = Selector(r, accounts.Get("selector"), path.Field("serviceAccounts").Field("selector"));
        }
        var ports = ReadPorts(r, entity.Get("ports"), path.Field("ports"), protocol);
        var notPorts = ReadPorts(r, entity.Get("notPorts"), path.Field("notPorts"), protocol);
        if (isSource && (!ports.IsEmpty || !notPorts.IsEmpty))
        {
            r.Warning(RuleIds.CalicoNotModelled, entity.Get(ports.IsEmpty ? "notPorts" : "ports")!, path.Field(ports.IsEmpty ? "notPorts" : "ports"),
                "source ports are not modelled (connections are told apart by destination port): the rule is analysed as if they were absent");
        }
        return new CalicoEntity(
            Selector(r, entity.Get("selector"), path.Field("selector")),
            Selector(r, entity.Get("notSelector"), path.Field("notSelector")),
            Selector(r, entity.Get("namespaceSelector"), path.Field("namespaceSelector")),
            names,
            accountSelector,
            ReadNets(r, entity.Get("nets"), path.Field("nets")),
            ReadNets(r, entity.Get("notNets"), path.Field("notNets")),
            isSource ? [] : ports,
            isSource ? [] : notPorts);
    }

    /// <summary>A selector field; empty text reads as absent. A parse error points at its column.</summary>
    internal static CalicoSelector? Selector(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var text = r.Text(node, path);
        if (text is null || text.Trim().Length == 0) return null;
        var parsed = CalicoSelectorParser.Parse(text);
        if (parsed.Selector is { } selector) return selector;
        var scalar = (YamlScalar)r.Present(node)!;
        var column = scalar.Column + parsed.Offset + (scalar.IsPlain ? 0 : 1);
        r.Error(RuleIds.InvalidSelector, new SourceSpan(scalar.File, scalar.Line, column), path,
            $"{ObjectReader.Quote(text)} is not a valid Calico selector: {parsed.Error} (at character {parsed.Offset + 1})");
        return null;
    }

    /// <summary>CIDRs; a bare address is its /32 or /128, as Calico reads it.</summary>
    private static ImmutableArray<CidrText> ReadNets(ObjectReader r, YamlNode? node, FieldPath path)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        var nets = ImmutableArray.CreateBuilder<CidrText>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            if (r.Text(sequence.Items[i], path.At(i)) is not { } text) continue;
            var cidr = text.Contains('/') ? text : text + (text.Contains(':') ? "/128" : "/32");
            if (IpBlockReader.Check(r, sequence.Items[i], path.At(i), cidr) is not null) nets.Add(new CidrText(cidr, sequence.Items[i].Span));
        }
        return nets.DrainToImmutable();
    }

    /// <summary>
    /// Ports: an integer, "start:end", or a named port. "ports may only be specified with TCP,
    /// UDP or SCTP" (Calico's validation): ports without such a protocol are refused.
    /// </summary>
    private static ImmutableArray<CalicoPort> ReadPorts(ObjectReader r, YamlNode? node, FieldPath path, CalicoProtocol? protocol)
    {
        var sequence = r.Sequence(node, path);
        if (sequence is null || sequence.Count == 0) return [];
        if (protocol is not { Text: "TCP" or "UDP" or "SCTP" or "UDPLite" or "6" or "17" or "132" or "136" })
        {
            r.Error(RuleIds.InvalidPort, sequence, path, "ports may only be used with protocol TCP, UDP, SCTP or UDPLite (set the rule's protocol)");
            return [];
        }
        var ports = ImmutableArray.CreateBuilder<CalicoPort>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var item = r.Present(sequence.Items[i]);
            if (item is not YamlScalar scalar)
            {
                if (item is not null) r.WrongType(item, path.At(i), "a port number, range or name");
                continue;
            }
            if (ReadPort(r, scalar, path.At(i)) is { } port) ports.Add(port);
        }
        return ports.DrainToImmutable();
    }

    private static CalicoPort? ReadPort(ObjectReader r, YamlScalar scalar, FieldPath path)
    {
        var text = scalar.Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var single))
        {
            if (single is >= 0 and <= 65535) return new CalicoPort(single, single, null, scalar.Span);
        }
        else if (text.Split(':') is [var first, var last]
            && int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var end))
        {
            if (start is >= 0 and <= 65535 && end is >= 0 and <= 65535 && start <= end) return new CalicoPort(start, end, null, scalar.Span);
        }
        else if (!scalar.IsPlain || !char.IsAsciiDigit(text.FirstOrDefault()))
        {
            if (PortSyntax.CheckName(text) is null) return new CalicoPort(null, null, text, scalar.Span);
        }
        r.Error(RuleIds.InvalidPort, scalar, path, $"{ObjectReader.Quote(text)} is not a port (expected 0-65535, a range \"start:end\" with start <= end, or a port name)");
        return null;
    }
}
