namespace PolicyLint.Analyzer.Smt;

/// <summary>
/// Where Kubernetes leaves behaviour to the network plugin (DESIGN.md "Semantics").
/// Default: the upstream conformance reading, an ipBlock also matches a pod whose IP is known.
/// NetpolAnalyzer: the netpol-analyzer goldens' reading, ipBlocks never match pods.
/// </summary>
public enum SemanticsProfile
{
    Default,
    NetpolAnalyzer,
}

/// <summary>Which pods a query ranges over.</summary>
public enum PodScope
{
    /// <summary>Every pod that could exist: any namespace, any labels, any container ports.</summary>
    AnyPod,

    /// <summary>Only the pods in the input (outside addresses stay unconstrained).</summary>
    InputPods,
}
