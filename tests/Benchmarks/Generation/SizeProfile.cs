namespace PolicyLint.Benchmarks.Generation;

/// <summary>
/// The shape of one benchmark cluster. Counts are exact totals, system namespaces and
/// workloads (kube-system, ingress-nginx, monitoring) included.
/// </summary>
/// <param name="NamespacesPerFile">how many namespaces share one manifest file.</param>
/// <param name="DumpedPercent">share of Deployments written as kubectl-dumped Pods owned by a ReplicaSet.</param>
/// <param name="IpBlockPercent">share of the policies after the per-namespace base ones replaced by an ipBlock policy (a random /8–/16 with one or two excepts).</param>
/// <param name="Dump">written as one <c>kubectl get -A -o yaml</c> List (<see cref="DumpCluster"/>); only the namespace count applies.</param>
internal sealed record SizeProfile(
    string Name,
    int Namespaces,
    int Workloads,
    int Pods,
    int Policies,
    int Services,
    int NamespacesPerFile,
    int DumpedPercent,
    int IpBlockPercent = 0,
    bool Dump = false,
    bool CiliumPolicies = false,
    bool Calico = false)
{
    public static SizeProfile Small { get; } = new("S", 50, 500, 1_350, 300, 334, 5, 10);
    public static SizeProfile Medium { get; } = new("M", 600, 2_000, 5_400, 13_700, 1_334, 10, 10);
    public static SizeProfile Large { get; } = new("L", 5_000, 15_000, 150_000, 50_000, 10_000, 50, 10);

    /// <summary>M with a quarter of the policies: everything else equal, so cost against policies alone.</summary>
    public static SizeProfile MediumQuarterPolicies { get; } = new("M-p4", 600, 2_000, 5_400, 3_425, 1_334, 10, 10);

    /// <summary>M with half the workloads, pods and Services: policies and namespaces equal, so cost against pod classes alone.</summary>
    public static SizeProfile MediumHalfWorkloads { get; } = new("M-w2", 600, 1_000, 2_700, 13_700, 667, 10, 10);

    /// <summary>
    /// M plus Cilium policies (one CiliumNetworkPolicy per application workload and three
    /// clusterwide ones, see CiliumPolicyManifests): everything else byte-identical to M, so its
    /// report against M's is the cost of the Cilium layer.
    /// </summary>
    public static SizeProfile MediumCilium { get; } = Medium with { Name = "M-cil", CiliumPolicies = true };

    /// <summary>About 100 NetworkPolicies in S's shape (six per namespace, ten workloads per namespace), for the SMT redundancy benchmark.</summary>
    public static SizeProfile Redundancy100 { get; } = new("R100", 20, 200, 540, 100, 134, 5, 10);

    /// <summary>R100 ten times over: about 1,000 NetworkPolicies, same policies per namespace.</summary>
    public static SizeProfile Redundancy1000 { get; } = new("R1000", 200, 2_000, 5_400, 1_000, 1_334, 10, 10);

    /// <summary>M plus Calico: a Calico NetworkPolicy per namespace and GlobalNetworkPolicies in two tiers (the `calico` mode).</summary>
    public static SizeProfile MediumCalico { get; } = Medium with { Name = "M-calico", Calico = true };

    /// <summary>M where about a quarter of all policies carry an ipBlock: many outside-address boundaries.</summary>
    public static SizeProfile MediumIpBlocks { get; } = new("M-ip", 600, 2_000, 5_400, 13_700, 1_334, 10, 10, IpBlockPercent: 25);

    /// <summary>A <c>kubectl get -A -o yaml</c> dump of 600 application namespaces (no policies): what the loader meets in a live cluster.</summary>
    public static SizeProfile MediumDump { get; } = new("M-dump", 600, 0, 0, 0, 0, 600, 0, Dump: true);

    public static IReadOnlyList<SizeProfile> All { get; } = [Small, Medium, Large];

    /// <summary>Inputs of another shape than S/M/L, with a section of their own in RESULTS.md.</summary>
    public static IReadOnlyList<SizeProfile> Shapes { get; } = [MediumIpBlocks, MediumDump];

    /// <summary>One-factor variations of M, compared with M to separate the scales the sizes grow together.</summary>
    public static IReadOnlyList<SizeProfile> Sweeps { get; } = [MediumQuarterPolicies, MediumHalfWorkloads, MediumCilium];

    /// <summary>The sizes of the redundancy benchmark (by policy count), not part of RESULTS.md.</summary>
    public static IReadOnlyList<SizeProfile> Redundancy { get; } = [Redundancy100, Redundancy1000];

    public static SizeProfile? Find(string name) =>
        All.Concat(Sweeps).Concat(Shapes).Concat(Redundancy).Append(MediumCalico).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
