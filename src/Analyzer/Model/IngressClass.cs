namespace PolicyLint.Analyzer.Model;

/// <summary>
/// A networking.k8s.io/v1 IngressClass: which controller implements the Ingresses of that class
/// (spec.controller, e.g. <c>k8s.io/ingress-nginx</c>). Its labels usually repeat the labels of
/// the controller's pods, which is how the input tells which workload runs the controller.
/// </summary>
public sealed record IngressClass(ObjectMeta Meta, string Controller) : IManifestObject
{
    public string Name => Meta.Name;
}
