using PolicyLint.Analyzer.Core;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Manifests.Repository;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// How <see cref="ClusterLoader"/> reads: the namespace of objects that name none (null:
/// <c>default</c>, as <c>kubectl apply -n</c> would), how Helm charts and kustomize roots are
/// rendered (null: the renderers on the process's PATH, default values), and whether names,
/// namespaces and labels that the API server refuses but netpol-analyzer accepts are analysed.
/// </summary>
/// <param name="LenientNames">
/// False (the default): a name, namespace, label key or value that breaks the API server's
/// syntax is an invalid-object error and the object is skipped, as the API server refuses it.
/// True (profile netpol-analyzer): one made only of letters, digits, '-', '_' and '.' (uppercase,
/// '_', a bad first or last character) is a warning and the object is analysed as written, as
/// the reference tool does; markup, blanks and over-long values are still refused.
/// </param>
public sealed record LoadOptions(string? DefaultNamespace = null, RepositoryOptions? Repository = null, bool LenientNames = false)
{
    /// <summary>
    /// The namespaces a question about one pair needs read in full; the Pods, controllers,
    /// ConfigMaps and ServiceAccounts of other namespaces in files are then skipped unread
    /// (<see cref="DocumentPrescan"/>, docs/can-reach.md). Null (the default): read everything.
    /// </summary>
    public NamespaceFocus? Focus { get; init; }

    /// <summary>The name checking that <paramref name="profile"/> documents (see docs/rules/invalid-object.md).</summary>
    public static LoadOptions For(AnalysisProfile profile, string? defaultNamespace = null, RepositoryOptions? repository = null) =>
        new(defaultNamespace, repository, LenientNames: profile == AnalysisProfile.NetpolAnalyzer);
}
