using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Computes, for every pod class and direction, the <see cref="SparseRow"/> of allowed
/// connections towards the endpoints of that direction (classes, then external ranges).
/// Only the endpoints the applicable rules name are touched: the others get the row's
/// default (Empty when a NetworkPolicy isolates the class, else All). Cost per row is the
/// total size of the peer sets of the rules that apply to the class.
/// Egress rows come first. A source class whose egress is closed by default (isolated) sends
/// only to its egress exceptions, so ingress rows skip it and the matrix evaluates the few
/// ingress cells it needs lazily: ingress rows then cost only what open sources need.
/// </summary>
internal sealed class MatrixBuilder
{
    private readonly ReachabilityEngine _engine;
    private readonly PodClasses _classes;
    private readonly PeerSets _peerSets;
    private readonly List<CompiledPolicy> _admin;
    private readonly List<CompiledPolicy> _baseline;

    public MatrixBuilder(ReachabilityEngine engine)
    {
        _engine = engine;
        _classes = engine.Classes;
        _peerSets = new PeerSets(_classes, engine.IngressAtoms, engine.EgressAtoms);
        _admin = [.. engine.AdminPolicies];
        _baseline = [.. engine.BaselinePolicies];
    }

    public MatrixRows Build()
    {
        var count = _classes.Count;
        var egress = new SparseRow[count];
        var ingress = new SparseRow[count];
        var admin = new List<CompiledPolicy>[count];
        var baseline = new List<CompiledPolicy>[count];
        foreach (var subject in _classes.All)
        {
            admin[subject.Index] = [.. _admin.Where(p => p.AppliesTo(subject))];
            baseline[subject.Index] = [.. _baseline.Where(p => p.AppliesTo(subject))];
        }
        var egressSize = _peerSets.Size(PolicyDirections.Egress);
        ForEachClass(count, () => new Scratch(egressSize, null), (c, scratch) =>
            egress[c] = _classes.All[c].IsIngressController
                ? SparseRow.AllowAll
                : Row(_classes.All[c], PolicyDirections.Egress, admin[c], baseline[c], scratch));
        var closed = new bool[count];
        for (var c = 0; c < count; c++) closed[c] = egress[c].Default.IsEmpty;
        var ingressSize = _peerSets.Size(PolicyDirections.Ingress);
        ForEachClass(count, () => new Scratch(ingressSize, closed), (c, scratch) =>
            ingress[c] = _classes.All[c].IsIngressController
                ? SparseRow.AllowAll
                : Row(_classes.All[c], PolicyDirections.Ingress, admin[c], baseline[c], scratch));
        return new MatrixRows(egress, ingress, closed, IngressAt);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every class, in parallel over contiguous ranges, each
    /// range with its own scratch arrays; rows are independent and written by index.
    /// </summary>
    private static void ForEachClass(int count, Func<Scratch> newScratch, Action<int, Scratch> body)
    {
        var ranges = System.Collections.Concurrent.Partitioner.Create(0, count, Math.Max(64, count / (4 * Environment.ProcessorCount) + 1));
        Parallel.ForEach(ranges, range =>
        {
            var scratch = newScratch();
            for (var c = range.Item1; c < range.Item2; c++) body(c, scratch);
        });
    }

    /// <summary>One ingress cell, for a source whose ingress rows skipped it: the same layer walk, on one endpoint.</summary>
    private ConnectionSet IngressAt(int destination, int source)
    {
        var subject = _classes.All[destination];
        if (subject.IsIngressController) return ConnectionSet.Empty;
        return _engine.Decide(subject, PolicyDirections.Ingress, subject, rule => _peerSets.Contains(rule, source), null, out _);
    }

    private SparseRow Row(PodClass subject, PolicyDirections direction, List<CompiledPolicy> admin, List<CompiledPolicy> baseline, Scratch scratch)
    {
        var isolating = _engine.IsolatingPolicies(subject, direction);
        if (isolating.Count == 0 && !admin.Concat(baseline).Any(p => p.Rules(direction).Length > 0)) return SparseRow.AllowAll;
        scratch.Reset();
        foreach (var policy in admin) Decide(scratch, subject, direction, policy.Rules(direction));
        ConnectionSet untouched;
        if (isolating.Count > 0)
        {
            foreach (var policy in isolating)
            {
                foreach (var rule in policy.Rules(direction))
                {
                    foreach (var e in _peerSets.Of(rule))
                    {
                        if (!scratch.Touch(e)) continue;
                        scratch.AllowedByPolicies[e] = scratch.AllowedByPolicies[e].Union(rule.PortsFor(Destination(subject, direction, e)));
                    }
                }
            }
            foreach (var e in scratch.Touched) scratch.States[e].DecideByNetworkPolicies(scratch.AllowedByPolicies[e]);
            untouched = ConnectionSet.Empty;
        }
        else
        {
            foreach (var e in scratch.Touched) scratch.States[e].EnterBaseline();
            foreach (var policy in baseline) Decide(scratch, subject, direction, policy.Rules(direction));
            foreach (var e in scratch.Touched) scratch.States[e].AllowUndecided();
            untouched = ConnectionSet.All;
        }
        foreach (var e in scratch.Touched) scratch.Values[e] = scratch.States[e].Allowed;
        return SparseRow.Compress(scratch.Size, untouched, scratch.Touched, scratch.Values, scratch.IsTouched, scratch.Skipped);
    }

    /// <summary>Applies ordered cluster-policy rules (Allow / Deny / Pass) to every endpoint they name.</summary>
    private void Decide(Scratch scratch, PodClass subject, PolicyDirections direction, IEnumerable<CompiledRule> rules)
    {
        foreach (var rule in rules)
        {
            foreach (var e in _peerSets.Of(rule))
            {
                if (!scratch.Touch(e)) continue;
                scratch.States[e].Apply(rule.Action, rule.PortsFor(Destination(subject, direction, e)));
            }
        }
    }

    private PodClass? Destination(PodClass subject, PolicyDirections direction, int endpoint) =>
        direction == PolicyDirections.Ingress ? subject : endpoint < _classes.Count ? _classes.All[endpoint] : null;

    /// <summary>
    /// Per-endpoint working arrays reused across rows; only touched entries are reset.
    /// Skipped endpoints (closed sources, for ingress rows) are never touched.
    /// </summary>
    private sealed class Scratch(int size, bool[]? skipped)
    {
        public int Size { get; } = size;
        public bool[]? Skipped { get; } = skipped;
        public TierDecision[] States { get; } = new TierDecision[size];
        public ConnectionSet[] AllowedByPolicies { get; } = new ConnectionSet[size];
        public ConnectionSet[] Values { get; } = new ConnectionSet[size];
        public bool[] IsTouched { get; } = new bool[size];
        public List<int> Touched { get; } = [];

        /// <summary>Marks the endpoint as named by a rule; false when it is skipped.</summary>
        public bool Touch(int e)
        {
            if (IsTouched[e]) return true;
            if (Skipped is not null && e < Skipped.Length && Skipped[e]) return false;
            IsTouched[e] = true;
            Touched.Add(e);
            States[e] = TierDecision.Start;
            AllowedByPolicies[e] = ConnectionSet.Empty;
            return true;
        }

        public void Reset()
        {
            foreach (var e in Touched) IsTouched[e] = false;
            Touched.Clear();
        }
    }
}

/// <summary>
/// Per class, the egress and ingress rows; which sources are closed (egress isolated by
/// default, so ingress rows skipped them and <see cref="IngressAt"/> evaluates their cells on
/// demand); and the ingress rows inverted for the open sources: for each source endpoint
/// (class or ingress range), the destination classes whose row has an exception for it, with
/// that value, plus the classes whose ingress default lets anything in.
/// </summary>
internal sealed class MatrixRows
{
    private readonly bool[] _closed;
    private readonly Func<int, int, ConnectionSet> _lazyIngress;

    public MatrixRows(SparseRow[] egress, SparseRow[] ingress, bool[] closed, Func<int, int, ConnectionSet> lazyIngress)
    {
        Egress = egress;
        Ingress = ingress;
        _closed = closed;
        _lazyIngress = lazyIngress;
        var open = new List<int>();
        var inverted = new Dictionary<int, List<(int, ConnectionSet)>>();
        for (var d = 0; d < ingress.Length; d++)
        {
            var row = ingress[d];
            if (!row.Default.IsEmpty) open.Add(d);
            for (var k = 0; k < row.Keys.Length; k++)
            {
                if (IsClosed(row.Keys[k])) continue;
                if (!inverted.TryGetValue(row.Keys[k], out var list)) inverted[row.Keys[k]] = list = [];
                list.Add((d, row.Values[k]));
            }
        }
        OpenIngress = [.. open];
        IngressBySource = inverted.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    public SparseRow[] Egress { get; }

    public SparseRow[] Ingress { get; }

    /// <summary>Classes whose ingress default is not Empty (not isolated, or open to almost everyone).</summary>
    public int[] OpenIngress { get; }

    /// <summary>For an open source endpoint, the (destination class, value) exceptions of the ingress rows, by ascending class.</summary>
    public Dictionary<int, (int Destination, ConnectionSet Value)[]> IngressBySource { get; }

    public bool IsClosed(int source) => source < _closed.Length && _closed[source];

    /// <summary>What destination class <paramref name="destination"/> lets in from <paramref name="source"/>.</summary>
    public ConnectionSet IngressAt(int destination, int source) =>
        IsClosed(source) ? _lazyIngress(destination, source) : Ingress[destination].Get(source);
}
