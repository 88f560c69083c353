namespace PolicyLint.Cli.Tests.Conformance;

/// <summary>A theory that is reported as skipped when the conformance data is not beside the checkout.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (ConformanceCases.Root is null) Skip = "shared/conformance/netpol-analyzer/connlist not found beside the checkout";
    }
}
