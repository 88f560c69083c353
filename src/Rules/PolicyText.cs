using PolicyLint.Analyzer.Model;

namespace PolicyLint.Rules;

/// <summary>How findings name the parts of a policy: the field path a user would search for.</summary>
public static class PolicyText
{
    public static string Direction(PolicyDirections direction) => direction.ToText();

    /// <summary><c>spec.ingress[0]</c>: the rule's path in the manifest.</summary>
    public static string RulePath(NetworkPolicyRule rule) => $"spec.{Direction(rule.Direction)}[{rule.Index}]";

    public static string PeerField(PolicyDirections direction) => direction == PolicyDirections.Egress ? "to" : "from";

    public static string Peer(NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is { } block) return $"ipBlock {block}";
        var parts = new List<string>(2);
        if (peer.NamespaceSelector is { } namespaces) parts.Add($"namespaceSelector {namespaces}");
        if (peer.PodSelector is { } pods) parts.Add($"podSelector {pods}");
        return string.Join(" and ", parts);
    }

    /// <summary>Up to three names, then how many more: messages stay one line on big inputs.</summary>
    public static string Some(IReadOnlyCollection<string> names, int shown = 3) =>
        names.Count <= shown
            ? string.Join(", ", names)
            : $"{string.Join(", ", names.Take(shown))} and {names.Count - shown} more";
}
