namespace PolicyLint.Analyzer.Core;

/// <summary>The rule ids that loading and validation emit (public contract, see docs/rules).</summary>
public static class RuleIds
{
    /// <summary>Error: the file is not parseable YAML/JSON (or is binary, or not UTF-8, or a YAML bomb).</summary>
    public const string InvalidYaml = "invalid-yaml";

    /// <summary>Error: a path that does not exist or cannot be read.</summary>
    public const string InvalidPath = "invalid-path";

    /// <summary>Warning: a document without apiVersion and kind, skipped.</summary>
    public const string NotKubernetes = "not-kubernetes";

    /// <summary>Warning: an empty file, or one without Kubernetes objects.</summary>
    public const string NoObjects = "no-objects";

    public const string InvalidObject = "invalid-object";
    public const string InvalidSelector = "invalid-selector";
    public const string InvalidPeer = "invalid-peer";
    public const string InvalidCidr = "invalid-cidr";
    public const string InvalidPort = "invalid-port";
    public const string DuplicateObject = "duplicate-object";

    /// <summary>Warning: a cluster policy peer PolicyLint cannot model (nodes, domain names, unknown fields); the message says what was assumed.</summary>
    public const string PeerNotModelled = "peer-not-modelled";

    /// <summary>Info: objects repeated from another build or folder (another view of the same application), skipped.</summary>
    public const string RepeatedObject = "repeated-object";

    /// <summary>Info: a Helm chart or kustomize root that was not rendered because its renderer is not on PATH.</summary>
    public const string NotRendered = "not-rendered";

    /// <summary>Error: helm or kustomize ran and failed.</summary>
    public const string RenderFailed = "render-failed";

    /// <summary>Info: a file PolicyLint wrote itself (JSON or SARIF output), skipped.</summary>
    public const string PolicyLintOutput = "policylint-output";

    /// <summary>Warning: a field of a Calico policy PolicyLint does not model (host-endpoint options, HTTP, services, ICMP, source ports); the message says what was assumed.</summary>
    public const string CalicoNotModelled = "calico-not-modelled";

    /// <summary>Warning: a policy object of a kind not modelled (Calico HostEndpoint, MultiNetworkPolicy, Istio, ...).</summary>
    public const string PolicyKindNotModelled = "policy-kind-not-modelled";
}
