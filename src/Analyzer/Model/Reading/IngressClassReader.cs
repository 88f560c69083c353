using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

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
