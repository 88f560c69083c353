using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Reachability;

namespace PolicyLint.Cli;

/// <summary>The phrases every people-facing paths format shares: a rule, one side of a hop, a path's entry.</summary>
public static class HopText
{
    /// <summary><c>NetworkPolicy shop/api spec.ingress[0] "name" (file:line:col)</c>.</summary>
    public static string Rule(RuleRef rule)
    {
        var direction = rule.Direction == PolicyDirections.Ingress ? "ingress" : "egress";
        var name = rule.Name is { Length: > 0 } n ? $" \"{n}\"" : "";
        var field = rule.Field ?? $"spec.{direction}[{rule.Index}]{name}";
        return $"{rule.Policy} {field} ({rule.Span})";
    }

    /// <summary>"allowed by RULE" per rule, or why the side lets everything through.</summary>
    public static IEnumerable<string> Side(string direction, HopSide side)
    {
        if (side.Rules.IsEmpty)
        {
            yield return side.Isolated
                ? $"{direction}: allowed (isolated, yet no allowing rule was recorded)"
                : $"{direction}: not isolated (no NetworkPolicy selects it for {direction})";
            yield break;
        }
        foreach (var rule in side.Rules) yield return $"{direction}: allowed by {Rule(rule.Rule)}";
    }

    public static string Entry(InternetEntry entry) => $"entered at {entry.Workload.Id} through {entry.Ways[0].Text}";

    /// <summary>"2 hops", "1 hop".</summary>
    public static string Hops(int count) => count == 1 ? "1 hop" : $"{count} hops";

    public static string Paths(long count) => count == 1 ? "1 shortest path" : $"{count} shortest paths";
}
