using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// Whether a load focused on some namespaces (<see cref="LoadOptions.Focus"/>) answers a pair
/// question of those namespaces as the full load would (docs/can-reach.md, "Reading only what
/// the pair needs"). The skipped objects decide no traffic of the focus's pods; this checks the
/// two ways they could still show in an answer.
/// </summary>
public static class FocusedLoad
{
    public static bool IsFaithful(LoadedCluster loaded, NamespaceFocus focus)
    {
        var skipped = loaded.Skipped;
        if (skipped.Count == 0) return true;
        if (NamesServices(loaded.Cluster)) return false;
        var blocks = skipped.AddressBlocks.Select(b => Cidr.TryParse(b, out var cidr) ? cidr : null).OfType<Cidr>().ToList();
        foreach (var workload in loaded.Cluster.Workloads)
        {
            if (!focus.Includes(workload.Namespace))
            {
                if (NamedAsOwner(workload, skipped)) return false;
            }
            else if (workload.Pods.Length > 1 && (DifferOnLabels(workload, skipped) || DifferOnBlocks(workload, blocks)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A Cilium toServices rule names Services of any namespace and turns their selectors (or
    /// their EndpointSlices' addresses) into peers: skipped Services would change its peers.
    /// </summary>
    private static bool NamesServices(Cluster cluster) =>
        cluster.CiliumPolicies.Any(p => p.Rules.Any(r => r.Ingress.Concat(r.Egress).Concat(r.IngressDeny).Concat(r.EgressDeny).Any(peer => !peer.Services.IsDefaultOrEmpty)));

    /// <summary>
    /// A workload scaled to 0 outside the focus that a skipped object names as owner: read in
    /// full, that object would have been grouped under it (a pod: the owner runs pods after all)
    /// or replaced it (a ReplicaSet replaces its Deployment), and the "scaled to 0" note every
    /// answer carries would differ. The pre-scan never skips a controller whose replicas it
    /// cannot read as positive, so these are the only workloads outside the focus answers name.
    /// </summary>
    private static bool NamedAsOwner(Workload workload, SkippedObjects skipped) =>
        workload.ScaledToZero && skipped.Owners.Contains((workload.Namespace, workload.Name));

    /// <summary>
    /// Pods of one workload that differ on a label a skipped NetworkPolicy's or Service's selector may read:
    /// read in full, that selector could split the workload into parts (docs/split-workloads.md).
    /// </summary>
    private static bool DifferOnLabels(Workload workload, SkippedObjects skipped)
    {
        var first = workload.Pods[0].Labels;
        foreach (var key in skipped.LabelKeys)
        {
            var found = first.TryGetValue(key, out var value);
            foreach (var pod in workload.Pods)
            {
                if (pod.Labels.TryGetValue(key, out var other) != found || (found && other != value)) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Pod addresses of one workload on both sides of a skipped ipBlock's boundary: read in full,
    /// that block would cut them into different address classes, and so into parts.
    /// </summary>
    private static bool DifferOnBlocks(Workload workload, List<Cidr> blocks)
    {
        if (blocks.Count == 0) return false;
        var addresses = workload.Pods.SelectMany(p => p.Ips.IsDefault ? [] : p.Ips)
            .Select(ip => IpAddressText.TryParse(ip, out var family, out var address) ? (family, address) : ((IpFamily, UInt128)?)null)
            .OfType<(IpFamily Family, UInt128 Address)>()
            .ToList();
        if (addresses.Count < 2) return false;
        foreach (var block in blocks)
        {
            var family = addresses.Where(a => a.Family == block.Family).ToList();
            var inside = family.Count(a => a.Address >= block.Address && a.Address <= block.Last);
            if (inside > 0 && inside < family.Count) return true;
        }
        return false;
    }
}
