namespace PolicyLint.Analyzer.Model;

/// <summary>
/// Cilium's entities (fromEntities / toEntities) and what each stands for in the model
/// (docs/cilium.md has the table with Cilium's definitions). The model has pods and
/// addresses outside the cluster; nodes, the API server and Cilium's own endpoints are not in
/// the manifests, so the entities made of them name nothing, and the reader says so.
/// </summary>
public enum CiliumEntity
{
    /// <summary>"all endpoints outside of the cluster ... identical to allowing to CIDR 0.0.0.0/0": every outside address.</summary>
    World,

    /// <summary>"all network endpoints inside of the local cluster": every pod (host, remote-node and init are not modelled).</summary>
    Cluster,

    /// <summary>"the combination of all known clusters as well world": every pod and every address.</summary>
    All,

    /// <summary>The local host (and its host-network containers): not modelled.</summary>
    Host,

    /// <summary>Every other node: not modelled.</summary>
    RemoteNode,

    /// <summary>The kube-apiserver, in or outside the cluster: not modelled.</summary>
    KubeApiserver,

    /// <summary>Cilium's Envoy ingress: not modelled.</summary>
    Ingress,

    /// <summary>Endpoints whose identity is not resolved yet: not modelled.</summary>
    Init,

    /// <summary>Cilium's health endpoints, one per node: not modelled.</summary>
    Health,

    /// <summary>"endpoints not managed by Cilium": every pod of the input is taken as managed, so none.</summary>
    Unmanaged,
}

public static class CiliumEntities
{
    public static bool TryParse(string text, out CiliumEntity entity)
    {
        entity = text switch
        {
            "world" => CiliumEntity.World,
            "cluster" => CiliumEntity.Cluster,
            "all" => CiliumEntity.All,
            "host" => CiliumEntity.Host,
            "remote-node" => CiliumEntity.RemoteNode,
            "kube-apiserver" => CiliumEntity.KubeApiserver,
            "ingress" => CiliumEntity.Ingress,
            "init" => CiliumEntity.Init,
            "health" => CiliumEntity.Health,
            "unmanaged" => CiliumEntity.Unmanaged,
            _ => (CiliumEntity)(-1),
        };
        return (int)entity >= 0;
    }

    /// <summary>Whether the model has anything the entity stands for (world, cluster, all).</summary>
    public static bool IsModelled(CiliumEntity entity) =>
        entity is CiliumEntity.World or CiliumEntity.Cluster or CiliumEntity.All;

    public const string Expected = "world, cluster, host, remote-node, kube-apiserver, ingress, init, health, unmanaged or all";
}
