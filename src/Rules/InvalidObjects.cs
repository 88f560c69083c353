using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules;

/// <summary>
/// Objects the loader reported an error for. The API server would reject them, so the
/// redundancy rules leave them to the error finding rather than reason about what is left of
/// them (an ipBlock with an invalid CIDR allows nothing, which makes its rule look redundant).
/// </summary>
public static class InvalidObjects
{
    public static HashSet<ObjectRef> Of(LintContext context)
    {
        var invalid = new HashSet<ObjectRef>();
        foreach (var diagnostic in context.LoadDiagnostics)
        {
            if (diagnostic.Severity == Severity.Error && diagnostic.Object is { } target) invalid.Add(target);
        }
        return invalid;
    }
}
