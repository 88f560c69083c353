using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Objects read again from another view of the same application (a kustomize overlay next to
/// its base's other builds, a release bundle next to the sources it was made from). The first
/// reading is analysed; each pair of views gets one <c>repeated-object</c> note at the first
/// repeated object, so forty repeated objects are one line and not forty errors.
/// </summary>
internal sealed class RepeatedObjects
{
    private readonly Dictionary<(string View, string FirstView), Repetition> _byViews = [];
    private readonly List<(string View, string FirstView)> _order = [];

    public void Add(string view, string firstView, ObjectMeta meta)
    {
        var key = (view, firstView);
        if (_byViews.TryGetValue(key, out var repetition))
        {
            _byViews[key] = repetition with { Count = repetition.Count + 1 };
            return;
        }
        _byViews.Add(key, new Repetition(meta.Ref, meta.Span, 1));
        _order.Add(key);
    }

    public IEnumerable<Diagnostic> Notes() => _order.Select(key =>
    {
        var (first, span, count) = _byViews[key];
        var more = count == 1 ? "" : $" and {count - 1} more object{(count == 2 ? "" : "s")}";
        return new Diagnostic(RuleIds.RepeatedObject, Severity.Info,
            $"{first}{more} of {Describe(key.View)} repeat objects already read from {Describe(key.FirstView)} " +
            "(another build or folder of the same application); the first reading is analysed, these are skipped",
            span, first);
    });

    private static string Describe(string view) => view.Length == 0 ? "the current folder" : view;

    private sealed record Repetition(ObjectRef First, SourceSpan Span, int Count);
}
