using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Computes, for every pod class and direction, the <see cref="SparseRow"/> of allowed
/// connections towards the endpoints of that direction (classes, then external ranges).
/// Only the endpoints the applicable rules name are touched: the others get the row's
/// default (Empty when a NetworkPolicy isolates the class, else All). Cost per row is the
/// total size of the peer sets of the rules that apply to the class.
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
        var egressScratch = new Scratch(_peerSets.Size(PolicyDirections.Egress));
        var ingressScratch = new Scratch(_peerSets.Size(PolicyDirections.Ingress));
        foreach (var subject in _classes.All)
        {
            if (subject.IsIngressController)
            {
                egress[subject.Index] = SparseRow.AllowAll;
                ingress[subject.Index] = SparseRow.AllowAll;
                continue;
            }
            var admin = _admin.Where(p => p.AppliesTo(subject)).ToList();
            var baseline = _baseline.Where(p => p.AppliesTo(subject)).ToList();
            egress[subject.Index] = Row(subject, PolicyDirections.Egress, admin, baseline, egressScratch);
            ingress[subject.Index] = Row(subject, PolicyDirections.Ingress, admin, baseline, ingressScratch);
        }
        return new MatrixRows(egress, ingress, count);
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
                        scratch.Touch(e);
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
        return SparseRow.Compress(scratch.Size, untouched, scratch.Touched, scratch.Values, scratch.IsTouched);
    }

    /// <summary>Applies ordered cluster-policy rules (Allow / Deny / Pass) to every endpoint they name.</summary>
    private void Decide(Scratch scratch, PodClass subject, PolicyDirections direction, IEnumerable<CompiledRule> rules)
    {
        foreach (var rule in rules)
        {
            foreach (var e in _peerSets.Of(rule))
            {
                scratch.Touch(e);
                scratch.States[e].Apply(rule.Action, rule.PortsFor(Destination(subject, direction, e)));
            }
        }
    }

    private PodClass? Destination(PodClass subject, PolicyDirections direction, int endpoint) =>
        direction == PolicyDirections.Ingress ? subject : endpoint < _classes.Count ? _classes.All[endpoint] : null;

    /// <summary>Per-endpoint working arrays reused across rows; only touched entries are reset.</summary>
    private sealed class Scratch(int size)
    {
        public int Size { get; } = size;
        public TierDecision[] States { get; } = new TierDecision[size];
        public ConnectionSet[] AllowedByPolicies { get; } = new ConnectionSet[size];
        public ConnectionSet[] Values { get; } = new ConnectionSet[size];
        public bool[] IsTouched { get; } = new bool[size];
        public List<int> Touched { get; } = [];

        public void Touch(int e)
        {
            if (IsTouched[e]) return;
            IsTouched[e] = true;
            Touched.Add(e);
            States[e] = TierDecision.Start;
            AllowedByPolicies[e] = ConnectionSet.Empty;
        }

        public void Reset()
        {
            foreach (var e in Touched) IsTouched[e] = false;
            Touched.Clear();
        }
    }
}

/// <summary>
/// Per class, the egress and ingress rows, and the ingress rows inverted: for each source
/// endpoint (class or ingress range), the destination classes whose row has an exception for
/// it, with that value; plus the classes whose ingress default lets anything in.
/// </summary>
internal sealed class MatrixRows
{
    public MatrixRows(SparseRow[] egress, SparseRow[] ingress, int classCount)
    {
        Egress = egress;
        Ingress = ingress;
        ClassCount = classCount;
        var open = new List<int>();
        var inverted = new Dictionary<int, List<(int, ConnectionSet)>>();
        for (var d = 0; d < ingress.Length; d++)
        {
            var row = ingress[d];
            if (!row.Default.IsEmpty) open.Add(d);
            for (var k = 0; k < row.Keys.Length; k++)
            {
                if (!inverted.TryGetValue(row.Keys[k], out var list)) inverted[row.Keys[k]] = list = [];
                list.Add((d, row.Values[k]));
            }
        }
        OpenIngress = [.. open];
        IngressBySource = inverted.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    public SparseRow[] Egress { get; }

    public SparseRow[] Ingress { get; }

    public int ClassCount { get; }

    /// <summary>Classes whose ingress default is not Empty (not isolated, or open to almost everyone).</summary>
    public int[] OpenIngress { get; }

    /// <summary>For a source endpoint, the (destination class, value) exceptions of the ingress rows, by ascending class.</summary>
    public Dictionary<int, (int Destination, ConnectionSet Value)[]> IngressBySource { get; }
}
