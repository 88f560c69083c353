using System.Collections.Immutable;
using System.Text;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// A rule's whole answer for the input pods (<see cref="PodScope.InputPods"/>), decided without
/// the solver. The question is finite: <see cref="PolicySolver.CheckRuleRedundancy"/> with that
/// scope ranges over connections whose ends are input pods or outside addresses, and asks
/// whether every one the rule allows some other rule of the same policy namespace and direction
/// allows too. Every such connection falls into one cell the engine already enumerates:
/// <list type="bullet">
/// <item>the end the rule's policy selects is an input pod class of the policy's namespace
/// (never the engine's synthetic ingress-controller class, which is no input pod);</item>
/// <item>the other end is an input pod class (the subject's own class included: two pods of a
/// class, as the solver's class encoding allows), or an outside address group (each wholly
/// inside or outside every ipBlock of the direction), or, when no ipBlock of the direction holds
/// IPv6 addresses, the whole IPv6 space, which only rules that admit every peer name;</item>
/// <item>the ports are a <see cref="ConnectionSet"/>, named ports resolved on the destination
/// (the subject for ingress, the peer for egress; an address resolves none).</item>
/// </list>
/// A class's pods answer every selector and ipBlock alike (PodClass), so the cell's verdict is
/// each of its connections' verdict; hence the answer is exact. Under both profiles the
/// engine reads ipBlocks as the solver does (Default: pods by their IP, IPv6 blocks kept;
/// netpol-analyzer: addresses only, IPv6 blocks dropped), which the differential test
/// <c>InputPodCounterexamplesTests</c> checks on random clusters of each.
/// <para>
/// A cover is chosen deterministically: the other rules that allow part of what the rule allows,
/// each dropped when the rest still cover, first those themselves redundant for the input pods
/// (last to first), then the others (last to first); what is left is a cover from which no rule
/// can be dropped (dropping one more from a smaller set never helps), made of rules that stay
/// where it can be.
/// </para>
/// </summary>
internal sealed partial class InputPodCounterexamples
{
    /// <summary>
    /// Every rule's answer for the input pods, for the rules of the namespace's NetworkPolicies:
    /// not redundant, allows nothing, covered (with a minimal cover), or ignored (a direction its
    /// policy does not isolate).
    /// </summary>
    public IReadOnlyDictionary<NetworkPolicyRuleRef, RuleRedundancy> ForInputPods(string namespaceName)
    {
        var answers = new Dictionary<NetworkPolicyRuleRef, RuleRedundancy>();
        var covered = new List<(NetworkPolicyRuleRef Rule, List<OtherRule> Others, List<AllowedCell> Allowed)>();
        foreach (var policy in _byNamespace[namespaceName])
        {
            foreach (var direction in Directions)
            {
                for (var i = 0; i < policy.Rules(direction).Length; i++)
                {
                    var rule = new NetworkPolicyRuleRef(policy, direction, i);
                    if (!policy.Isolates(direction))
                    {
                        answers[rule] = new RuleRedundancy(rule, PodScope.InputPods, RuleRedundancyKind.IgnoredByPolicyTypes, [], null);
                        continue;
                    }
                    var others = OtherRules(rule);
                    var (kind, allowed) = Decide(rule, others);
                    if (kind == RuleRedundancyKind.Covered) covered.Add((rule, others, allowed));
                    else answers[rule] = new RuleRedundancy(rule, PodScope.InputPods, kind, [], null);
                }
            }
        }
        // A cover keeps, where it can, rules not themselves redundant for the input pods: those are
        // the ones to keep when the redundant ones go (see MinimalCover).
        var removable = covered.Select(c => c.Rule).Concat(answers.Where(a => a.Value.Kind != RuleRedundancyKind.NotRedundant).Select(a => a.Key)).ToHashSet();
        foreach (var (rule, others, allowed) in covered)
        {
            var cover = MinimalCover(CoverCells(allowed, others), i => removable.Contains(others[i].Ref));
            answers[rule] = new RuleRedundancy(rule, PodScope.InputPods, RuleRedundancyKind.Covered, [.. cover.Select(i => others[i].Ref)], null);
        }
        return answers;
    }

    /// <summary>The rule's kind for the input pods, and, when covered, the cells it allows something in.</summary>
    private (RuleRedundancyKind Kind, List<AllowedCell> Allowed) Decide(NetworkPolicyRuleRef rule, List<OtherRule> others)
    {
        var compiledRule = _compiled[rule.Policy].Rules(rule.Direction)[rule.Index];
        var allowed = new List<AllowedCell>();
        foreach (var cell in AllowedCells(rule, compiledRule, others))
        {
            if (LeftOpen(cell, others)) return (RuleRedundancyKind.NotRedundant, []);
            allowed.Add(cell);
        }
        return (allowed.Count == 0 ? RuleRedundancyKind.AllowsNothing : RuleRedundancyKind.Covered, allowed);
    }

    /// <summary>
    /// Every cell the rule allows something in: a subject class, a peer (with its index in the
    /// engine's peer sets), the destination ports resolve on, what the rule allows there, and the
    /// other rules that apply to the subject (positions in <paramref name="others"/>).
    /// </summary>
    private IEnumerable<AllowedCell> AllowedCells(NetworkPolicyRuleRef rule, CompiledRule compiledRule, List<OtherRule> others)
    {
        foreach (var subject in Subjects(rule.Policy))
        {
            var applying = Applying(others, subject, rule.Direction);
            foreach (var (index, peer) in RulePeers(compiledRule, subject))
            {
                var destination = Destination(rule.Direction, subject, peer);
                var ports = compiledRule.PortsFor(destination);
                if (!ports.IsEmpty) yield return new AllowedCell(index, peer, destination, ports, applying);
            }
        }
    }

    /// <summary>Whether the other rules leave part of what the rule allows in the cell open (stops at the first rule that closes it).</summary>
    private bool LeftOpen(AllowedCell cell, List<OtherRule> others)
    {
        var left = cell.Ports;
        foreach (var other in cell.Applying)
        {
            if (!others[other].Names(cell.Index, cell.Peer)) continue;
            left = left.Subtract(others[other].Compiled.PortsFor(cell.Destination));
            if (left.IsEmpty) return false;
        }
        return true;
    }

    /// <summary>
    /// The cells as cover questions: what the rule allows and the part each other rule allows of
    /// it. Cells with one port profile and the same other rules naming the peer ask the same
    /// thing once.
    /// </summary>
    private List<CoverCell> CoverCells(List<AllowedCell> allowed, List<OtherRule> others)
    {
        var cells = new Dictionary<string, CoverCell>(StringComparer.Ordinal);
        var key = new StringBuilder();
        foreach (var cell in allowed)
        {
            key.Clear().Append(cell.Destination?.PortProfile ?? -1).Append(':');
            var naming = cell.Applying.Where(other => others[other].Names(cell.Index, cell.Peer)).ToList();
            foreach (var other in naming) key.Append(other).Append(',');
            if (cells.ContainsKey(key.ToString())) continue;
            var pieces = new List<(int Other, ConnectionSet Ports)>();
            foreach (var other in naming)
            {
                var piece = others[other].Compiled.PortsFor(cell.Destination).Intersect(cell.Ports);
                if (!piece.IsEmpty) pieces.Add((other, piece));
            }
            cells.Add(key.ToString(), new CoverCell(cell.Ports, pieces));
        }
        return [.. cells.Values];
    }

    /// <summary>
    /// Deletion from every rule that allows part of a cell (see the class comment): first the
    /// <paramref name="removable"/> ones (themselves redundant for the input pods), last to first,
    /// then the others, last to first. Any deletion order leaves a cover from which no rule can
    /// be dropped; this one keeps the rules that stay when the redundant ones are removed.
    /// </summary>
    private static List<int> MinimalCover(List<CoverCell> cells, Func<int, bool> removable)
    {
        var candidates = cells.SelectMany(c => c.Pieces.Select(p => p.Other)).Distinct().Order().ToList();
        var cover = candidates.ToList();
        foreach (var dropped in candidates.Where(removable).Reverse().Concat(candidates.Where(i => !removable(i)).Reverse()))
        {
            if (cells.All(cell => cell.CoveredBy(cover, dropped))) cover.Remove(dropped);
        }
        return cover;
    }

    /// <summary>
    /// The other rules <see cref="PolicySolver.CheckRuleRedundancy"/> weighs, in the order its
    /// cover lists them: every rule of the direction of the namespace's policies that isolate it,
    /// in input order, but the rule itself.
    /// </summary>
    private List<OtherRule> OtherRules(NetworkPolicyRuleRef rule)
    {
        var others = new List<OtherRule>();
        foreach (var policy in _byNamespace[rule.Policy.Namespace])
        {
            if (!policy.Isolates(rule.Direction)) continue;
            var compiled = _compiled[policy];
            var rules = compiled.Rules(rule.Direction);
            for (var i = 0; i < rules.Length; i++)
            {
                if (ReferenceEquals(policy, rule.Policy) && i == rule.Index) continue;
                others.Add(new OtherRule(new NetworkPolicyRuleRef(policy, rule.Direction, i), rules[i], compiled, _peers.Of(rules[i])));
            }
        }
        return others;
    }

    /// <summary>The positions in <paramref name="others"/> of the rules whose policy applies to the subject.</summary>
    private List<int> Applying(List<OtherRule> others, PodClass subject, PolicyDirections direction)
    {
        var isolating = IsolatingPolicies(subject, direction);
        var applying = new List<int>();
        for (var i = 0; i < others.Count; i++)
        {
            if (Array.IndexOf(isolating, others[i].Policy) >= 0) applying.Add(i);
        }
        return applying;
    }

    /// <summary>Whether the rule names the peer: its engine peer set holds the index (-1, a peer not in the sets: asked of the rule).</summary>
    private static bool Names(int[] peers, CompiledRule rule, int index, Endpoint peer) =>
        index < 0 ? peer.IsMatchedBy(rule) : Array.BinarySearch(peers, index) >= 0;

    /// <summary>Another rule of the namespace and direction, with the engine's peer set (<see cref="PeerSets.Of"/>) at hand.</summary>
    private sealed record OtherRule(NetworkPolicyRuleRef Ref, CompiledRule Compiled, CompiledPolicy Policy, int[] Peers)
    {
        public bool Names(int index, Endpoint peer) => InputPodCounterexamples.Names(Peers, Compiled, index, peer);
    }

    /// <summary>
    /// Every peer the rule names, with its index in the engine's peer sets: input pod classes
    /// (the subject's own among them, never the synthetic ingress-controller class), outside
    /// address groups, and the IPv6 space when the groups leave it out (index -1).
    /// </summary>
    private IEnumerable<(int Index, Endpoint Peer)> RulePeers(CompiledRule rule, PodClass subject)
    {
        var groups = rule.Ref.Direction == PolicyDirections.Ingress ? _engine.IngressAtoms.Groups : _engine.EgressAtoms.Groups;
        foreach (var index in _peers.Of(rule))
        {
            if (index >= _classes.Length) yield return (index, Endpoint.Of(groups[index - _classes.Length]));
            else if (!_classes[index].IsIngressController) yield return (index, Endpoint.Of(_classes[index]));
        }
        var v6 = Endpoint.Of(IpSet.AllV6);
        if (!GroupsHoldV6(rule.Ref.Direction) && v6.IsMatchedBy(rule)) yield return (-1, v6);
    }

    private bool? _ingressGroupsHoldV6;
    private bool? _egressGroupsHoldV6;

    private bool GroupsHoldV6(PolicyDirections direction) => direction == PolicyDirections.Ingress
        ? _ingressGroupsHoldV6 ??= _engine.IngressAtoms.Groups.Any(g => g.HasV6)
        : _egressGroupsHoldV6 ??= _engine.EgressAtoms.Groups.Any(g => g.HasV6);

    /// <summary>One cell the rule allows something in (see <see cref="AllowedCells"/>).</summary>
    private sealed record AllowedCell(int Index, Endpoint Peer, PodClass? Destination, ConnectionSet Ports, List<int> Applying);

    /// <summary>What the rule allows towards one kind of peer, and the part each other rule allows of it.</summary>
    private sealed record CoverCell(ConnectionSet Ports, List<(int Other, ConnectionSet Ports)> Pieces)
    {
        /// <summary>Whether the rules of <paramref name="cover"/> but <paramref name="dropped"/> allow all of it.</summary>
        public bool CoveredBy(List<int> cover, int dropped)
        {
            var left = Ports;
            foreach (var (other, ports) in Pieces)
            {
                if (other == dropped || !cover.Contains(other)) continue;
                left = left.Subtract(ports);
                if (left.IsEmpty) return true;
            }
            return left.IsEmpty;
        }
    }
}
