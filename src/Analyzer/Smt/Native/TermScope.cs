namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>
/// Owns the references of every term and sort made while it is the innermost open scope of its
/// context, and drops them all on Dispose. Scopes nest and must be disposed innermost first;
/// the context's root scope lasts as long as the context.
/// </summary>
internal sealed class TermScope : IDisposable
{
    private readonly Z3Context _context;
    private readonly List<IntPtr> _owned = [];

    internal TermScope(Z3Context context) => _context = context;

    public bool IsDisposed { get; private set; }

    /// <summary>Number of references this scope holds (tests use it to show nothing leaks).</summary>
    public int Count => _owned.Count;

    internal void Own(IntPtr ast) => _owned.Add(ast);

    public void Dispose()
    {
        if (IsDisposed) return;
        _context.CloseScope(this, _owned);
        _owned.Clear();
        IsDisposed = true;
    }

    /// <summary>The context was deleted, which freed every AST at once.</summary>
    internal void Abandon()
    {
        _owned.Clear();
        IsDisposed = true;
    }
}
