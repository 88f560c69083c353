using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Rules.Input;

/// <summary>
/// A rule whose findings are the loader's diagnostics with the rule's id: the loader already
/// validates input the way the API server does, so these rules only give those ids a place in
/// the catalog (documentation, SARIF descriptions, configuration and suppression).
/// </summary>
public abstract class LoadDiagnosticRule : LintRule
{
    public override IEnumerable<Diagnostic> Analyze(LintContext context) =>
        context.LoadDiagnostics.Where(d => d.RuleId == Id);

    protected static RuleDescriptor InputRule(string id, string title, Severity severity, string description, string fix) =>
        new(id, title, severity, "Invalid input", description, fix, [RuleTags.Input, RuleTags.Correctness], 0.0);
}
