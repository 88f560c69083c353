namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// One Kubernetes object as read: its apiVersion and kind (for an item of a typed list such as
/// PodList without its own kind, the kind of the list's elements) and its node tree.
/// </summary>
public sealed record ManifestObject(string ApiVersion, string Kind, YamlMapping Root)
{
    public SourceSpan Span => Root.Span;
    public string File => Root.File;

    /// <summary>
    /// The build or folder the object was read as part of: a rendered chart or kustomize root,
    /// or (null) the plain folder of its file. Names must be unique within one view only.
    /// </summary>
    public string? View { get; init; }

    public string ViewOrFolder => View ?? Path.GetDirectoryName(File) ?? "";
}

/// <summary>Receives objects as they are read, so node trees can be dropped right after.</summary>
public interface IManifestSink
{
    void Accept(ManifestObject manifest);
}
