using PolicyLint.Analyzer.Manifests;

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

/// <summary>
/// Reads an IngressClass, refusing what the API server refuses: spec.controller is required and
/// is a domain-prefixed path (<c>example.com/ingress-controller</c>) of at most 250 characters.
/// </summary>
internal static class IngressClassReader
{
    public static IngressClass? Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        if (r.Mapping(root.Get("spec"), specPath) is not { } spec)
        {
            r.Missing(root, specPath.Field("controller"));
            return null;
        }
        var path = specPath.Field("controller");
        var node = spec.Get("controller");
        if (r.Text(node, path) is not { } controller)
        {
            if (r.Present(node) is null) r.Missing(spec, path);
            return null;
        }
        var slash = controller.IndexOf('/');
        if (slash <= 0 || slash == controller.Length - 1 || controller.Length > 250)
        {
            r.Error(RuleIds.InvalidObject, node!, path,
                $"{ObjectReader.Quote(controller)} is not a domain-prefixed path (expected e.g. example.com/ingress-controller, at most 250 characters)");
            return null;
        }
        return new IngressClass(meta, controller);
    }
}
