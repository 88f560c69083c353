using System.Globalization;
using System.Text;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// What a policy says, written out without where it stands: two policies with the same
/// fingerprint are the same policy to every formula (file, line and column are left out, so
/// moving a policy, or editing the one above it in the same file, is no change). Anything a
/// formula could read is in it; a field that is in it without mattering (a rule's name) only
/// makes a change look bigger, never smaller.
/// </summary>
internal static class PolicyFingerprint
{
    private const char Separator = '\u001f';

    public static string Of(NetworkPolicy policy)
    {
        var text = new StringBuilder();
        text.Append(policy.Namespace).Append(Separator).Append(policy.Name).Append(Separator)
            .Append((int)policy.PolicyTypes).Append(Separator).Append(policy.PolicyTypesDeclared).Append(Separator);
        Append(text, policy.PodSelector);
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            text.Append("|rule").Append((int)rule.Direction).Append(Separator).Append(rule.Index);
            foreach (var peer in rule.Peers.IsDefault ? [] : rule.Peers)
            {
                text.Append("|peer");
                Append(text, peer.PodSelector);
                text.Append(Separator);
                Append(text, peer.NamespaceSelector);
                if (peer.IpBlock is { } block)
                {
                    text.Append("|ip").Append(block.Cidr.Text);
                    foreach (var except in block.Except.IsDefault ? [] : block.Except) text.Append(Separator).Append(except.Text);
                }
            }
            AppendPorts(text, rule.Ports);
        }
        return text.ToString();
    }

    public static string Of(AdminPolicy policy)
    {
        var text = new StringBuilder();
        text.Append(policy.Meta.Ref.Kind).Append(Separator).Append(policy.Name).Append(Separator)
            .Append((int)policy.Tier).Append(Separator).Append(policy.Priority.ToString(CultureInfo.InvariantCulture));
        Append(text, policy.Subject);
        foreach (var rule in policy.Ingress.Concat(policy.Egress))
        {
            text.Append("|rule").Append((int)rule.Direction).Append(Separator).Append(rule.Index)
                .Append(Separator).Append(rule.Name).Append(Separator).Append((int)rule.Action);
            foreach (var peer in rule.Peers.IsDefault ? [] : rule.Peers) Append(text, peer);
            AppendPorts(text, rule.Ports);
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, AdminSelector selector)
    {
        switch (selector)
        {
            case NamespacesSelector ns:
                text.Append("|namespaces");
                Append(text, ns.Namespaces);
                break;
            case PodsSelector pods:
                text.Append("|pods");
                Append(text, pods.Namespaces);
                text.Append(Separator);
                Append(text, pods.Pods);
                break;
            case NetworksSelector networks:
                text.Append("|networks");
                foreach (var cidr in networks.Networks) text.Append(Separator).Append(cidr.Text);
                break;
            case NodesSelector nodes:
                text.Append("|nodes");
                Append(text, nodes.Nodes);
                break;
            case DomainNamesSelector names:
                text.Append("|domains");
                foreach (var name in names.Names) text.Append(Separator).Append(name);
                break;
            case EveryPeerSelector:
                text.Append("|every");
                break;
            default:
                // A selector kind this fingerprint does not know: no two are taken for equal.
                text.Append("|unknown").Append(Guid.NewGuid().ToString("N"));
                break;
        }
    }

    private static void Append(StringBuilder text, LabelSelector? selector)
    {
        if (selector is null)
        {
            text.Append("null");
            return;
        }
        text.Append('{');
        foreach (var requirement in selector.Requirements.IsDefault ? [] : selector.Requirements)
        {
            text.Append(requirement.Key).Append(Separator).Append((int)requirement.Operator);
            foreach (var value in requirement.Values.IsDefault ? [] : requirement.Values) text.Append(Separator).Append(value);
            text.Append(';');
        }
        text.Append('}');
    }

    private static void AppendPorts(StringBuilder text, System.Collections.Immutable.ImmutableArray<PolicyPort> ports)
    {
        foreach (var port in ports.IsDefault ? [] : ports)
        {
            text.Append("|port").Append((int)port.Protocol).Append(Separator)
                .Append(port.Port is { IsNamed: true } named ? "name:" + named.Name : port.Port?.Number?.ToString(CultureInfo.InvariantCulture) ?? "any")
                .Append(Separator).Append(port.EndPort?.ToString(CultureInfo.InvariantCulture) ?? "")
                .Append(Separator).Append(port.ProtocolOfContainerPort);
        }
    }
}
