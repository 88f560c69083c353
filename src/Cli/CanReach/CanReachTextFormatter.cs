using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli.CanReach;

/// <summary>
/// The answer in words: the allowed connections, or yes/no for one port, and with --explain
/// each direction's isolation and the rules (with file:line) that allow or deny each part.
/// </summary>
public static class CanReachTextFormatter
{
    public static void Write(TextWriter output, CanReachResult result, Protocol? protocol, int? port, bool explain, Cluster cluster)
    {
        using var terminal = new TerminalTextWriter(output);
        output = terminal;
        output.WriteLine(Answer(result, protocol, port));
        // a split owner: the answer of each part, so the pods that differ are named
        foreach (var part in result.Parts) output.WriteLine($"  {Answer(part, protocol, port)}");
        if (!explain) return;
        // a split owner is explained part by part: the pods differ in what decides
        foreach (var explanation in result.Parts.IsEmpty ? [result.Explanation] : result.Parts.Select(p => p.Explanation))
        {
            WriteExplanation(output, explanation, cluster);
        }
    }

    private static void WriteExplanation(TextWriter output, PairExplanation e, Cluster cluster)
    {
        WriteDirection(output, $"egress from {e.Source.Id}", e.Egress, cluster);
        WriteDirection(output, $"ingress to {e.Destination.Id}", e.Ingress, cluster);
        output.WriteLine($"result: {Describe(e.Allowed)} (what egress allows, intersected with what ingress allows)");
        foreach (var note in e.Notes) output.WriteLine($"note: {note.Message}");
    }

    public static string Answer(CanReachResult result, Protocol? protocol, int? port)
    {
        var pair = $"{result.Source.Id} => {result.Destination.Id}";
        var pods = PodsText(result);
        if (protocol is null && port is null) return $"{pair} : {Describe(result.Allowed)}{pods}";
        var asked = port is { } number ? $"{protocol ?? Protocol.TCP} {number}" : $"{protocol} (any port)";
        return result.Reachable
            ? $"yes: {pair} is allowed on {asked}{pods}"
            : $"no: {pair} is not allowed on {asked} (allowed: {Describe(result.Allowed)}){pods}";
    }

    /// <summary>For a split owner: whether the answer holds for all of its pods or only some (the parts follow).</summary>
    private static string PodsText(CanReachResult result) => result.Parts.IsEmpty ? "" : result.Coverage switch
    {
        BackendCoverage.All => "; for all pods, per part:",
        BackendCoverage.Some => "; only for some pods, per part:",
        _ => "; for no pods, per part:",
    };

    private static void WriteDirection(TextWriter output, string title, DirectionVerdict verdict, Cluster cluster)
    {
        output.WriteLine($"{title}:");
        if (!verdict.Governed)
        {
            output.WriteLine("  not a pod of the cluster: no policy applies on this side");
            return;
        }
        if (verdict.Isolated)
        {
            output.WriteLine("  isolated by:");
            foreach (var policy in verdict.IsolatingPolicies) output.WriteLine($"    {policy} ({SpanOf(cluster, policy)})");
        }
        else
        {
            output.WriteLine("  not isolated by any NetworkPolicy");
        }
        foreach (var rule in verdict.Rules)
        {
            var verb = rule.Action switch
            {
                AdminAction.Deny => "denied by",
                AdminAction.Pass => "passed on by",
                _ when rule.Rule.Policy.IsClusterNetworkPolicy() => "accepted by",
                _ => "allowed by",
            };
            var decided = rule.Decided.Equals(rule.Matched) ? "" : $" (decides {Describe(rule.Decided)}; the rest was decided earlier)";
            output.WriteLine($"  {verb} {RuleName(rule.Rule)} ({rule.Rule.Span}): {Describe(rule.Matched)}{decided}");
        }
        if (verdict.DeniedByIsolation) output.WriteLine("  no rule of these policies matches this peer: denied");
        output.WriteLine($"  => {Describe(verdict.Allowed)}");
    }

    private static string RuleName(RuleRef rule)
    {
        if (rule.Field is { } field) return $"{rule.Policy} {field}";
        var direction = rule.Direction.ToText();
        var name = rule.Name is { Length: > 0 } n ? $" \"{n}\"" : "";
        // A ClusterNetworkPolicy's kind does not say its tier; spec.tier does.
        var tier = rule.Policy.IsClusterNetworkPolicy() ? $" ({rule.Layer} tier)" : rule.Tier is { } calicoTier ? $" (tier {calicoTier})" : "";
        return $"{rule.Policy}{tier} spec.{direction}[{rule.Index}]{name}";
    }

    private static string SpanOf(Cluster cluster, ObjectRef policy) =>
        cluster.Objects.FirstOrDefault(o => o.Meta.Ref == policy)?.Meta.Span.ToString() ?? "?";

    private static string Describe(Analyzer.Sets.ConnectionSet connections) =>
        connections.IsEmpty ? "no connections" : connections.ToString();
}
