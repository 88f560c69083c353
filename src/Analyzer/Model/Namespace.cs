using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// A namespace. Labels always include <c>kubernetes.io/metadata.name</c>. A namespace that is
/// referenced but not declared exists with only that label and Declared = false.
/// </summary>
public sealed record Namespace(ObjectMeta Meta, bool Declared) : IManifestObject
{
    public const string NameLabel = "kubernetes.io/metadata.name";
    public const string Default = "default";

    public string Name => Meta.Name;
    public Labels Labels => Meta.Labels;

    public static Namespace Implicit(string name) => new(
        new ObjectMeta(new ObjectRef("Namespace", "", name), Labels.Of((NameLabel, name)), Labels.Empty, SourceSpan.None),
        Declared: false);
}
