namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// Tests that load both cores for a long time (the memory churn, the differential property)
/// run alone, after the others: the memory measurement stays clean and neither slows the
/// rest of the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SolverHeavyCollection
{
    public const string Name = "solver-heavy";
}
