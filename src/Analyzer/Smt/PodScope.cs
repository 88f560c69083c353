namespace PolicyLint.Analyzer.Smt;

/// <summary>Which pods a query ranges over.</summary>
public enum PodScope
{
    /// <summary>Every pod that could exist: any namespace, any labels, any container ports.</summary>
    AnyPod,

    /// <summary>Only the pods in the input (outside addresses stay unconstrained).</summary>
    InputPods,
}
