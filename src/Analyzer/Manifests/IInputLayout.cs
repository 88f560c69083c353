namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// What the directory walk asks before reading a folder or a file as plain manifests: a Helm
/// chart, a kustomize root, or a file PolicyLint wrote itself is claimed, and the walk leaves it
/// alone (see <c>Repository/RepositoryLayout</c>, which renders what it claimed).
/// </summary>
public interface IInputLayout
{
    /// <summary>True when the folder is not plain manifests; the walk then neither reads its files nor descends.</summary>
    bool ClaimsDirectory(string directory, IReadOnlyList<string> files);

    /// <summary>True when a manifest-named file of the walk is not input (for example PolicyLint's own output).</summary>
    bool ClaimsFile(string file);
}
