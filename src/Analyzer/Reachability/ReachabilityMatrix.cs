using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// The computed connectivity of a cluster: look up what any peer can send to any other in
/// O(classes(src) · classes(dst)). Obtained from <see cref="ReachabilityEngine.ComputeMatrix"/>.
/// </summary>
public sealed class ReachabilityMatrix
{
    private readonly ReachabilityEngine _engine;
    private readonly MatrixRows _rows;
    private readonly Dictionary<string, int> _ingressAtomById;
    private readonly Dictionary<string, int> _egressAtomById;
    private readonly int _classCount;

    internal ReachabilityMatrix(ReachabilityEngine engine, MatrixRows rows)
    {
        _engine = engine;
        _rows = rows;
        _classCount = engine.Classes.Count;
        _ingressAtomById = AtomIndex(engine.IngressAtoms);
        _egressAtomById = AtomIndex(engine.EgressAtoms);
    }

    public ReachabilityEngine Engine => _engine;

    /// <summary>
    /// What <paramref name="source"/> can send to <paramref name="destination"/>. A workload to
    /// itself is All (a pod never blocks itself); external to external and anything towards the
    /// ingress controller is Empty. An external peer that is not one of the engine's ranges
    /// is answered by the pair query.
    /// </summary>
    public ConnectionSet Connections(Peer source, Peer destination)
    {
        switch (source, destination)
        {
            case (WorkloadPeer s, WorkloadPeer d):
                return s.Id == d.Id ? ConnectionSet.All : BetweenWorkloads(s, d);
            case (ExternalPeer s, WorkloadPeer d) when _ingressAtomById.TryGetValue(s.Id, out var atom):
                return IntoWorkload(d, _classCount + atom, exposedOnly: false);
            case (IngressControllerPeer, WorkloadPeer d):
                return IntoWorkload(d, _engine.Classes.IngressController, exposedOnly: true);
            case (WorkloadPeer s, ExternalPeer d) when _egressAtomById.TryGetValue(d.Id, out var atom):
                return OutOfWorkload(s, _classCount + atom);
            case (ExternalPeer, WorkloadPeer) or (WorkloadPeer, ExternalPeer):
                return _engine.Connections(source, destination);
            default:
                return ConnectionSet.Empty;
        }
    }

    private ConnectionSet BetweenWorkloads(WorkloadPeer source, WorkloadPeer destination)
    {
        var result = ConnectionSet.Empty;
        foreach (var s in _engine.ClassesOf(source))
        {
            foreach (var d in _engine.ClassesOf(destination))
            {
                var egress = _rows.Egress[s]?[d] ?? ConnectionSet.All;
                var ingress = _rows.Ingress[d]?[s] ?? ConnectionSet.All;
                result = result.Union(egress.Intersect(ingress));
                if (result.IsAll) return result;
            }
        }
        return result;
    }

    private ConnectionSet IntoWorkload(WorkloadPeer destination, int sourceEndpoint, bool exposedOnly)
    {
        var result = ConnectionSet.Empty;
        foreach (var d in _engine.ClassesOf(destination))
        {
            var ingress = _rows.Ingress[d]?[sourceEndpoint] ?? ConnectionSet.All;
            result = result.Union(exposedOnly ? ingress.Intersect(_engine.Exposure[d]) : ingress);
        }
        return result;
    }

    private ConnectionSet OutOfWorkload(WorkloadPeer source, int destinationEndpoint)
    {
        var result = ConnectionSet.Empty;
        foreach (var s in _engine.ClassesOf(source))
        {
            result = result.Union(_rows.Egress[s]?[destinationEndpoint] ?? ConnectionSet.All);
        }
        return result;
    }

    private static Dictionary<string, int> AtomIndex(IpAtoms atoms)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < atoms.Ranges.Length; i++) index[new ExternalPeer(IpSet.Of(atoms.Ranges[i])).Id] = i;
        return index;
    }
}
