namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>
/// A Z3 expression (Z3_ast) holding one reference, owned by the <see cref="TermScope"/> that was
/// innermost when it was made. Using a term after its scope is disposed throws
/// ObjectDisposedException instead of touching freed memory.
/// </summary>
internal sealed class Term
{
    private readonly IntPtr _ast;

    internal Term(Z3Context context, TermScope scope, IntPtr ast)
    {
        Context = context;
        Scope = scope;
        _ast = ast;
    }

    public Z3Context Context { get; }

    internal TermScope Scope { get; }

    internal IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(Scope.IsDisposed, this);
            return _ast;
        }
    }

    /// <summary>The term in SMT-LIB syntax, for messages and debugging.</summary>
    public override string ToString() => Context.TermToString(this);
}

/// <summary>A Z3 sort (Z3_sort is a Z3_ast underneath), reference-counted like a <see cref="Term"/>.</summary>
internal sealed class Sort
{
    private readonly IntPtr _ast;

    internal Sort(TermScope scope, IntPtr ast, uint bitVectorSize)
    {
        Scope = scope;
        _ast = ast;
        BitVectorSize = bitVectorSize;
    }

    internal TermScope Scope { get; }

    /// <summary>Width of a bit-vector sort; 0 for Bool.</summary>
    public uint BitVectorSize { get; }

    internal IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(Scope.IsDisposed, this);
            return _ast;
        }
    }
}
