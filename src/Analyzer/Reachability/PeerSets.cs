using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The endpoints each rule names, as sorted arrays, computed once per distinct peer list:
/// rules written alike (the same selectors, the same namespace where it matters, the same
/// blocks) share one array. Selectors are evaluated once per namespace and then once per
/// class of the matching namespaces, never for every class of the cluster unless the
/// selector can match any namespace.
/// </summary>
internal sealed class PeerSets(PodClasses classes, IpAtoms ingressAtoms, IpAtoms egressAtoms)
{
    private readonly Dictionary<string, int[]> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<CompiledRule, int[]> _byRule = new(ReferenceEqualityComparer.Instance);
    private readonly int[] _withAddresses = [.. classes.All.Where(c => !c.IsIngressController && !c.Representative.Ips.IsDefaultOrEmpty).Select(c => c.Index)];

    public IpAtoms AtomsOf(PolicyDirections direction) => direction == PolicyDirections.Ingress ? ingressAtoms : egressAtoms;

    public int Size(PolicyDirections direction) => classes.Count + AtomsOf(direction).Ranges.Length;

    public int[] Of(CompiledRule rule)
    {
        if (_byRule.TryGetValue(rule, out var cached)) return cached;
        var key = Key(rule);
        if (!_byKey.TryGetValue(key, out var members))
        {
            members = Compute(rule);
            _byKey[key] = members;
        }
        _byRule[rule] = members;
        return members;
    }

    private int[] Compute(CompiledRule rule)
    {
        var direction = rule.Ref.Direction;
        var size = Size(direction);
        if (rule.AllPeers) return [.. Enumerable.Range(0, size)];
        var members = new SortedSet<int>();
        foreach (var matcher in rule.PeerMatchers)
        {
            foreach (var index in Candidates(matcher))
            {
                if (matcher.Matches(classes.All[index])) members.Add(index);
            }
        }
        if (!rule.External.IsEmpty)
        {
            var atoms = AtomsOf(direction).Ranges;
            for (var a = 0; a < atoms.Length; a++)
            {
                if (rule.Matches(IpSet.Of(atoms[a]))) members.Add(classes.Count + a);
            }
        }
        return [.. members];
    }

    private IEnumerable<int> Candidates(ClassMatcher matcher)
    {
        if (matcher.Addresses is not null) return _withAddresses;
        if (matcher.OwnNamespace is not null) return classes.InNamespace(matcher.OwnNamespace);
        if (matcher.Namespaces is { } selector)
        {
            return classes.ByNamespace
                .Where(pair => selector.Matches(classes.NamespaceLabels(pair.Key)))
                .SelectMany(pair => pair.Value);
        }
        return Enumerable.Range(0, classes.Count);
    }

    private static string Key(CompiledRule rule)
    {
        var text = new System.Text.StringBuilder();
        text.Append(rule.Ref.Direction).Append('|').Append(rule.AllPeers).Append('|').Append(rule.External).Append('|');
        foreach (var m in rule.PeerMatchers)
        {
            text.Append(m.OwnNamespace).Append('\u0001').Append(m.Namespaces?.ToString() ?? "\u0002")
                .Append('\u0001').Append(m.Pods?.ToString() ?? "\u0002").Append('\u0001').Append(m.Addresses).Append('\u0003');
        }
        return text.ToString();
    }
}
