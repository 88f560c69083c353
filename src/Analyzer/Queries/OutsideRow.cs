using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// A workload's row towards (egress) or from (ingress) the engine's outside ranges of one
/// direction, turned into <see cref="OutsideConnection"/>s: the ranges grouped by the connections
/// they allow, each group's union read off the ranges numbered in address order. A row is
/// thousands of cells on ipBlock-heavy input and every workload has one, so the cells and the
/// grouping's scratch space are reused from workload to workload (<see cref="Buffers"/>, one per
/// thread) and each group's arrays are made at their final size.
/// </summary>
internal sealed class OutsideRow(ImmutableArray<ExternalPeer> atoms)
{
    private readonly OutsideAddressOrder _order = new(atoms);

    /// <summary>One thread's scratch space: the row's cells, and each range's group.</summary>
    public sealed class Scratch(int atoms)
    {
        public ConnectionSet[] Cells { get; } = new ConnectionSet[atoms];
        public int[] GroupOf { get; } = new int[atoms];
        public Dictionary<ConnectionSet, int> GroupBySet { get; } = [];
        public List<(ConnectionSet Connections, int Size)> Groups { get; } = [];
    }

    public Scratch Buffers() => new(atoms.Length);

    /// <summary>Adds the groups of the row in <paramref name="scratch"/>'s cells (ranges that allow nothing left out), in the order of their first range.</summary>
    public void AddGroups(List<OutsideConnection> result, WorkloadPeer workload, PolicyDirections direction, Scratch scratch)
    {
        var cells = scratch.Cells;
        var groupOf = scratch.GroupOf;
        var groups = scratch.Groups;
        var bySet = scratch.GroupBySet;
        groups.Clear();
        bySet.Clear();
        // neighbouring ranges mostly share the very set object (one decision per combination of
        // rules, docs/architecture.md "What an atom costs"): such runs skip the hashing
        ConnectionSet? last = null;
        var group = -1;
        for (var atom = 0; atom < cells.Length; atom++)
        {
            var allowed = cells[atom];
            if (allowed.IsEmpty)
            {
                groupOf[atom] = -1;
                continue;
            }
            if (!ReferenceEquals(allowed, last))
            {
                last = allowed;
                if (!bySet.TryGetValue(allowed, out group))
                {
                    bySet[allowed] = group = groups.Count;
                    groups.Add((allowed, 0));
                }
            }
            groupOf[atom] = group;
            groups[group] = (allowed, groups[group].Size + 1);
        }
        var members = groups.Select(g => new int[g.Size]).ToArray();
        var filled = new int[groups.Count];
        for (var atom = 0; atom < cells.Length; atom++)
        {
            if (groupOf[atom] is var g and >= 0) members[g][filled[g]++] = atom;
        }
        for (var g = 0; g < groups.Count; g++)
        {
            var ranges = new ExternalPeer[members[g].Length];
            for (var i = 0; i < ranges.Length; i++) ranges[i] = atoms[members[g][i]];
            result.Add(new OutsideConnection(workload, direction, groups[g].Connections, ImmutableCollectionsMarshal.AsImmutableArray(ranges), PeerOf(members[g])));
        }
    }

    /// <summary>
    /// The ranges as one peer; one range alone is the engine's own peer, unless it spells one
    /// address netpol-analyzer's way (a-a): a merged peer is spelt compactly.
    /// </summary>
    private ExternalPeer PeerOf(int[] members) =>
        members.Length == 1 && !atoms[members[0]].SingleAddressAsRange ? atoms[members[0]] : new ExternalPeer(_order.UnionOf(members));
}
