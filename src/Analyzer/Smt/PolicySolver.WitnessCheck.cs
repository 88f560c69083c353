using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

public sealed partial class PolicySolver
{
    /// <summary>
    /// Whether the concrete connection <paramref name="witness"/> describes is one the rule
    /// allows and no other rule of its namespace and direction does: with every variable a
    /// policy reads pinned to the witness (ends, namespaces and their labels, pod labels, named
    /// container ports, addresses, protocol, port; made-up pods, not input pods), such a
    /// connection exists, and none of them is allowed by another rule or refused by this one.
    /// Used to check witnesses made without the solver (<see cref="ExactSemantics.Witness"/>).
    /// </summary>
    internal bool AllowsOnlyByRule(NetworkPolicyRuleRef rule, WitnessConnection witness)
    {
        using var terms = _z3.OpenScope();
        var mine = _semantics.RuleAllows(rule.Policy, rule.Direction, rule.Index, _connection, 0);
        var othersAllow = _z3.Or([.. OtherRules(rule).Select(o => o.Allows)]);
        List<Term> pinned =
        [
            Pinned(_connection.Source, witness.Source),
            Pinned(_connection.Destination, witness.Destination),
            _z3.Eq(_connection.Protocol, _semantics.ProtocolTerm(witness.Protocol)),
            _z3.Eq(_connection.Port, _semantics.PortTerm(witness.Port)),
        ];
        return IsSatisfiable(pinned) && !IsSatisfiable([.. pinned, _z3.Not(_z3.And(mine, _z3.Not(othersAllow)))]);
    }

    private Term Pinned(SymbolicEndpoint e, WitnessEndpoint end)
    {
        var terms = new List<Term> { end.IsPod ? e.IsPod : _z3.Not(e.IsPod) };
        terms.AddRange(PinnedAddresses(e, end.Addresses));
        if (!end.IsPod) return _z3.And(terms);
        if (EncodesInputPods) terms.Add(_z3.Not(e.Restricted));
        var names = _vocabulary.NamespaceNames;
        terms.Add(_z3.Eq(e.Namespace, _z3.BitVector((ulong)names.IndexOf(_vocabulary.Representative(end.Namespace!)), names.Width)));
        terms.AddRange(PinnedLabels(e.FreeNamespaceLabels, _vocabulary.NamespaceLabels, end.NamespaceLabels));
        terms.AddRange(PinnedLabels(e.PodLabels, _vocabulary.PodLabels, end.PodLabels));
        foreach (var (name, port) in e.NamedPorts)
        {
            var given = end.NamedPorts.IsDefault ? null : end.NamedPorts.FirstOrDefault(p => p.Name == name);
            terms.Add(given is null
                ? _z3.Not(port.Present)
                : _z3.And(port.Present, _z3.Eq(port.Protocol, _semantics.ProtocolTerm(given.Protocol)), _z3.Eq(port.Number, _semantics.PortTerm(given.Number))));
        }
        return _z3.And(terms);
    }

    private IEnumerable<Term> PinnedLabels(
        ImmutableSortedDictionary<string, Term> variables, ImmutableSortedDictionary<string, LabelDomain> domains, Labels labels) =>
        variables.Select(v => _z3.Eq(v.Value, _z3.BitVector((ulong)domains[v.Key].IndexOf(labels.TryGetValue(v.Key, out var value) ? value : null), domains[v.Key].Width)));

    /// <summary>At most one address of each family; an end without one has no known address of it.</summary>
    private IEnumerable<Term> PinnedAddresses(SymbolicEndpoint e, ImmutableArray<string> addresses)
    {
        var parsed = (addresses.IsDefault ? [] : addresses).Select(a => AddressRange.TryParseAddress(a, out var isV6, out var value)
            ? (IsV6: isV6, Value: value)
            : throw new ArgumentException($"'{a}' is not an IP address.", nameof(addresses))).ToList();
        foreach (var (isV6, known, address, width) in new[] { (false, e.HasIp4, e.Ip4, 32u), (true, e.HasIp6, e.Ip6, 128u) })
        {
            var of = parsed.Where(p => p.IsV6 == isV6).ToList();
            yield return of.Count == 0 ? _z3.Not(known) : _z3.And(known, _z3.Eq(address, _z3.BitVector(of[0].Value, width)));
        }
    }
}
