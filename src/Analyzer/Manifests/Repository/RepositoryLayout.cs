namespace PolicyLint.Analyzer.Manifests.Repository;

/// <summary>
/// Recognises, during the directory walk, what a repository holds besides plain manifests:
/// Helm charts and kustomize roots (claimed whole, with everything below them: templates,
/// values, patches and components are not standalone manifests) and the JSON or SARIF files
/// PolicyLint wrote itself. What it claimed is rendered afterwards by <see cref="RepositoryRendering"/>.
/// </summary>
public sealed class RepositoryLayout : IInputLayout
{
    private readonly List<SourceRoot> _roots = [];
    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>Charts and kustomize roots in the order the walk met them.</summary>
    public IReadOnlyList<SourceRoot> Roots => _roots;

    /// <summary>One policylint-output note per skipped file.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public bool ClaimsDirectory(string directory, IReadOnlyList<string> files)
    {
        if (SourceRoot.Of(directory, files) is not { } root) return false;
        _roots.Add(root);
        return true;
    }

    public bool ClaimsFile(string file)
    {
        if (PolicyLintOutput.Recognise(file) is not { } format) return false;
        _diagnostics.Add(new Diagnostic(RuleIds.PolicyLintOutput, Severity.Info,
            $"{format} written by PolicyLint, not a manifest: skipped (write output outside the folders you lint, or list it under 'ignore')",
            new SourceSpan(file, 1, 1)));
        return true;
    }
}
