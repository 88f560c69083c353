using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>The Calico objects: NetworkPolicy, GlobalNetworkPolicy and Tier of the Calico API groups (docs/calico.md).</summary>
internal sealed partial class ClusterBuilder
{
    private readonly List<CalicoPolicy> _calicoPolicies = [];
    private readonly List<CalicoTier> _calicoTiers = [];
    private readonly List<ServiceAccount> _serviceAccounts = [];

    /// <summary>Reads the object when it is a Calico policy or tier; false for every other object.</summary>
    private bool BuildCalico(ManifestObject manifest)
    {
        var kind = manifest.Kind;
        if (kind is not ("NetworkPolicy" or "GlobalNetworkPolicy" or "Tier" or "Profile") || !CalicoPolicyReader.IsCalico(manifest.ApiVersion)) return false;
        if (kind == "Profile")
        {
            if (Meta(manifest, clusterScoped: true) is { } profile) CalicoPolicyReader.CheckProfile(_reader, profile with { Ref = profile.Ref with { Kind = "Calico Profile" } }, manifest.Root);
            return true;
        }
        var namespaced = kind == "NetworkPolicy";
        if (Meta(manifest, clusterScoped: !namespaced) is not { } written) return true;
        // A Calico NetworkPolicy may share namespace and name with a Kubernetes one: its kind tells them apart.
        var meta = written with { Ref = written.Ref with { Kind = CalicoPolicyReader.RefKind(kind) } };
        _reader.Object = meta.Ref;
        if (kind == "Tier")
        {
            var tier = CalicoPolicyReader.ReadTier(_reader, meta, manifest.Root);
            if (Register(meta) && tier is not null) _calicoTiers.Add(tier);
            return true;
        }
        var policy = CalicoPolicyReader.Read(_reader, meta, manifest.Root, global: !namespaced);
        if (Register(meta) && policy is not null) _calicoPolicies.Add(policy);
        return true;
    }

    private CalicoObjects CalicoObjects() => new([.. _calicoPolicies], [.. _calicoTiers], [.. _serviceAccounts]);
}
