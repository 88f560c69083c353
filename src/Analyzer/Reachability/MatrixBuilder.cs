using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Computes, for every pod class and direction, the row of allowed connections towards every
/// endpoint of that direction (classes, then external ranges). A null row means "everything
/// allowed" (no policy of any layer applies), the common case that costs nothing.
/// Each rule's peers become a bitset over endpoints once; rules are then scattered into the
/// rows of the classes their policy selects, so no pair walks all policies.
/// </summary>
internal sealed class MatrixBuilder(ReachabilityEngine engine)
{
    private readonly PodClasses _classes = engine.Classes;
    private readonly Dictionary<CompiledRule, EndpointSet> _peerSets = new(ReferenceEqualityComparer.Instance);

    public MatrixRows Build()
    {
        var count = _classes.Count;
        var egress = new ConnectionSet[]?[count];
        var ingress = new ConnectionSet[]?[count];
        var admin = engine.AdminPolicies.ToList();
        var baseline = engine.BaselinePolicies.ToList();
        foreach (var subject in _classes.All)
        {
            if (subject.IsIngressController) continue;
            var applicableAdmin = admin.Where(p => p.AppliesTo(subject)).ToList();
            var applicableBaseline = baseline.Where(p => p.AppliesTo(subject)).ToList();
            egress[subject.Index] = Row(subject, PolicyDirections.Egress, engine.EgressAtoms, applicableAdmin, applicableBaseline);
            ingress[subject.Index] = Row(subject, PolicyDirections.Ingress, engine.IngressAtoms, applicableAdmin, applicableBaseline);
        }
        return new MatrixRows(egress, ingress);
    }

    private ConnectionSet[]? Row(
        PodClass subject, PolicyDirections direction, IpAtoms atoms,
        List<CompiledPolicy> admin, List<CompiledPolicy> baseline)
    {
        var isolating = engine.IsolatingPolicies(subject, direction);
        var adminRules = admin.SelectMany(p => p.Rules(direction)).ToList();
        var baselineRules = baseline.SelectMany(p => p.Rules(direction)).ToList();
        if (isolating.Count == 0 && adminRules.Count == 0 && baselineRules.Count == 0) return null;
        var size = _classes.Count + atoms.Ranges.Length;
        var allowedByPolicies = isolating.Count > 0 ? Scatter(subject, direction, atoms, isolating.SelectMany(p => p.Rules(direction)), size) : null;
        if (adminRules.Count == 0 && allowedByPolicies is not null) return allowedByPolicies;
        var states = new TierDecision[size];
        Array.Fill(states, TierDecision.Start);
        Decide(states, subject, direction, atoms, adminRules);
        if (allowedByPolicies is not null)
        {
            for (var e = 0; e < size; e++) states[e].DecideByNetworkPolicies(allowedByPolicies[e]);
        }
        else
        {
            for (var e = 0; e < size; e++) states[e].EnterBaseline();
            Decide(states, subject, direction, atoms, baselineRules);
            for (var e = 0; e < size; e++) states[e].AllowUndecided();
        }
        var row = new ConnectionSet[size];
        for (var e = 0; e < size; e++) row[e] = states[e].Allowed;
        return row;
    }

    /// <summary>The union of what allow-only rules admit, per endpoint.</summary>
    private ConnectionSet[] Scatter(PodClass subject, PolicyDirections direction, IpAtoms atoms, IEnumerable<CompiledRule> rules, int size)
    {
        var row = new ConnectionSet[size];
        Array.Fill(row, ConnectionSet.Empty);
        foreach (var rule in rules)
        {
            foreach (var e in PeerSet(rule, atoms, size))
            {
                row[e] = row[e].Union(rule.PortsFor(Destination(subject, direction, e)));
            }
        }
        return row;
    }

    /// <summary>Applies ordered cluster-policy rules (Allow / Deny / Pass) to every endpoint they name.</summary>
    private void Decide(TierDecision[] states, PodClass subject, PolicyDirections direction, IpAtoms atoms, List<CompiledRule> rules)
    {
        foreach (var rule in rules)
        {
            foreach (var e in PeerSet(rule, atoms, states.Length))
            {
                states[e].Apply(rule.Action, rule.PortsFor(Destination(subject, direction, e)));
            }
        }
    }

    private PodClass? Destination(PodClass subject, PolicyDirections direction, int endpoint) =>
        direction == PolicyDirections.Ingress ? subject : endpoint < _classes.Count ? _classes.All[endpoint] : null;

    private EndpointSet PeerSet(CompiledRule rule, IpAtoms atoms, int size)
    {
        if (_peerSets.TryGetValue(rule, out var cached)) return cached;
        var set = new EndpointSet(size);
        if (rule.AllPeers)
        {
            for (var e = 0; e < size; e++) set.Add(e);
        }
        else
        {
            foreach (var matcher in rule.PeerMatchers)
            {
                foreach (var index in matcher.Candidates(_classes))
                {
                    if (matcher.Matches(_classes.All[index])) set.Add(index);
                }
            }
            if (!rule.External.IsEmpty)
            {
                for (var a = 0; a < atoms.Ranges.Length; a++)
                {
                    if (rule.Matches(IpSet.Of(atoms.Ranges[a]))) set.Add(_classes.Count + a);
                }
            }
        }
        _peerSets[rule] = set;
        return set;
    }
}

/// <summary>Per class, the egress and ingress rows (null = everything allowed).</summary>
internal sealed record MatrixRows(ConnectionSet[]?[] Egress, ConnectionSet[]?[] Ingress);
