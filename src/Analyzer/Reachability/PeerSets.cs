using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<string, Lazy<int[]>> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CompiledRule, int[]> _byRule = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, Lazy<int[]>> _byNamespaceSelector = new(StringComparer.Ordinal);
    private readonly NamespaceIndex _namespaces = new(classes);
    private readonly ClassLabelIndex _labels = new(classes);
    private readonly int[] _withAddresses = [.. classes.All.Where(c => !c.IsIngressController && !c.Representative.Ips.IsDefaultOrEmpty).Select(c => c.Index)];
    private readonly Dictionary<int, (IpFamily Family, UInt128 Value)[]> _addresses = classes.All
        .Where(c => !c.IsIngressController && !c.Representative.Ips.IsDefaultOrEmpty)
        .ToDictionary(c => c.Index, c => ParsedAddresses(c.Representative));

    public IpAtoms AtomsOf(PolicyDirections direction) => direction == PolicyDirections.Ingress ? ingressAtoms : egressAtoms;

    public int Size(PolicyDirections direction) => classes.Count + AtomsOf(direction).Groups.Length;

    /// <summary>The rule's endpoints, ascending; thread-safe, each distinct peer list computed once.</summary>
    public int[] Of(CompiledRule rule)
    {
        if (_byRule.TryGetValue(rule, out var cached)) return cached;
        var members = _byKey.GetOrAdd(Key(rule), _ => new Lazy<int[]>(() => Compute(rule))).Value;
        _byRule[rule] = members;
        return members;
    }

    private int[] Compute(CompiledRule rule)
    {
        var direction = rule.Ref.Direction;
        var size = Size(direction);
        if (rule.AllPeers) return [.. Enumerable.Range(0, size)];
        var members = new List<int>();
        foreach (var matcher in rule.PeerMatchers)
        {
            if (matcher.Addresses is null && matcher.OwnNamespace is null && !matcher.SkipsHostNetwork && matcher.ServiceAccounts is null && matcher.Namespaces is { } namespaces)
            {
                AddAcrossNamespaces(members, namespaces, matcher.Pods);
                continue;
            }
            foreach (var index in Candidates(matcher))
            {
                // an ipBlock's candidates are the classes with known IPs, parsed once
                var addresses = matcher.Addresses is null ? null : _addresses[index];
                if (matcher.Matches(classes.All[index], addresses)) members.Add(index);
            }
        }
        if (!rule.External.IsEmpty)
        {
            // the atoms are cut at the rule's boundaries: the ones inside are found by binary search
            foreach (var group in AtomsOf(direction).GroupsWithin(rule.External)) members.Add(classes.Count + group);
        }
        members.Sort();
        return [.. members.Distinct()];
    }

    /// <summary>
    /// Classes in namespaces the first selector matches whose pods the second matches. The
    /// namespace part is settled once per namespace; then whichever side is narrower drives:
    /// the classes carrying a label value the pod selector requires, or the namespaces' classes.
    /// </summary>
    private void AddAcrossNamespaces(List<int> members, LabelSelector namespaces, LabelSelector? pods)
    {
        var inNamespaces = ClassesInNamespaces(namespaces);
        var byLabel = pods is null ? null : _labels.Candidates(pods);
        if (byLabel is not null && byLabel.Count < inNamespaces.Length)
        {
            foreach (var index in byLabel)
            {
                if (Array.BinarySearch(inNamespaces, index) >= 0 && pods!.Matches(classes.All[index].Labels)) members.Add(index);
            }
            return;
        }
        foreach (var index in inNamespaces)
        {
            if (pods is null || pods.Matches(classes.All[index].Labels)) members.Add(index);
        }
    }

    private IEnumerable<int> Candidates(ClassMatcher matcher)
    {
        if (matcher.Addresses is not null) return _withAddresses;
        if (matcher.OwnNamespace is not null) return classes.InNamespace(matcher.OwnNamespace);
        if (matcher.Namespaces is { } selector) return ClassesInNamespaces(selector);
        return Enumerable.Range(0, classes.Count);
    }

    /// <summary>The classes of every namespace the selector matches; evaluated once per distinct selector.</summary>
    private int[] ClassesInNamespaces(LabelSelector selector)
    {
        return _byNamespaceSelector.GetOrAdd(selector.ToString(), _ => new Lazy<int[]>(() => MatchNamespaces(selector))).Value;
    }

    private int[] MatchNamespaces(LabelSelector selector)
    {
        var result = new List<int>();
        foreach (var ns in _namespaces.Candidates(selector))
        {
            if (selector.Matches(ns.Labels)) result.AddRange(ns.Classes);
        }
        result.Sort();
        return [.. result];
    }

    /// <summary>The pod's known IPs that are addresses (as <see cref="IpSet.Contains(string)"/> reads them).</summary>
    private static (IpFamily Family, UInt128 Value)[] ParsedAddresses(Pod pod)
    {
        var parsed = new List<(IpFamily, UInt128)>();
        foreach (var ip in pod.Ips)
        {
            if (IpRange.TryParseAddress(ip, out var family, out var value)) parsed.Add((family, value));
        }
        return [.. parsed];
    }

    private static string Key(CompiledRule rule)
    {
        var text = new System.Text.StringBuilder();
        text.Append(rule.Ref.Direction).Append('|').Append(rule.AllPeers).Append('|').Append(rule.External).Append('|');
        foreach (var m in rule.PeerMatchers)
        {
            text.Append(m.OwnNamespace).Append('\u0001').Append(m.Namespaces?.ToString() ?? "\u0002")
                .Append('\u0001').Append(m.Pods?.ToString() ?? "\u0002").Append('\u0001').Append(m.Addresses).Append('\u0001').Append(m.SkipsHostNetwork).Append('\u0001').Append(m.ServiceAccounts?.ToString()).Append('\u0001').Append(m.Test?.Key).Append('\u0003');
        }
        return text.ToString();
    }
}
