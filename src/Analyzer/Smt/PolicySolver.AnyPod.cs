using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Smt;

public sealed partial class PolicySolver
{
    /// <summary>
    /// Could some pod in a namespace matching <paramref name="namespaceSelector"/>, with labels
    /// matching <paramref name="podSelector"/>, reach a pod of <paramref name="destination"/>
    /// (an input workload, or a copy of one narrowed to some of its pods) with <paramref name="protocol"/> / <paramref name="port"/> when given,
    /// any otherwise? The source ranges over every possible pod, or the input pods.
    /// </summary>
    public AnyPodReach CheckExposure(
        LabelSelector namespaceSelector,
        LabelSelector podSelector,
        Workload destination,
        Protocol? protocol = null,
        int? port = null,
        PodScope sourceScope = PodScope.AnyPod)
    {
        if (!Covers(null, namespaceSelector, podSelector))
        {
            using var wider = Widened(null, namespaceSelector, podSelector);
            return wider.CheckExposure(namespaceSelector, podSelector, FindWorkload(wider, destination), protocol, port, sourceScope);
        }
        var destinations = destination.Pods.Where(_podClasses.ContainsKey).Select(p => _podClasses[p]).Distinct().ToList();
        if (destinations.Count == 0) throw new ArgumentException($"{destination.Id} has no pods in the encoded cluster.", nameof(destination));
        var (source, target) = (_connection.Source, _connection.Destination);
        using var terms = _z3.OpenScope();
        var constraints = new List<Term>
        {
            source.IsPod,
            _semantics.NamespaceSelector(namespaceSelector, source, 0),
            _semantics.PodSelector(podSelector, source),
            InScope(source, sourceScope),
            _z3.Or([.. destinations.Select(d => _semantics.IsInputPod(target, d))]),
            _allowed[0],
        };
        if (protocol is { } p) constraints.Add(_z3.Eq(_connection.Protocol, _semantics.ProtocolTerm(p)));
        if (port is { } n) constraints.Add(n is >= 1 and <= 65535 ? _z3.Eq(_connection.Port, _semantics.PortTerm(n)) : _z3.False);
        var witness = Solve(constraints, m => _witnesses.Connection(m, _connection, 0));
        return new AnyPodReach(witness is not null, witness);
    }

    /// <summary>The encoding's workload; a destination narrowed to some of its pods (one part, docs/split-workloads.md) stays narrowed.</summary>
    private static Workload FindWorkload(PolicySolver encoding, Workload workload)
    {
        var found = encoding.Cluster.Workloads.First(w => ReferenceEquals(w, workload) || w.Id == workload.Id);
        return found.Pods.Length == workload.Pods.Length ? found : found with { Pods = [.. found.Pods.Where(p => workload.Pods.Any(q => q.Name == p.Name))] };
    }
}
