namespace PolicyLint.Analyzer.Core;

/// <summary>
/// The identity of a Kubernetes object: kind, namespace ("" for cluster-scoped kinds) and name.
/// Printed the way findings name objects: <c>NetworkPolicy ns/name</c>.
/// </summary>
public sealed record ObjectRef(string Kind, string Namespace, string Name)
{
    public string QualifiedName => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";

    public override string ToString() => $"{Kind} {QualifiedName}";
}
