namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>
/// A Z3 solver with incremental push/pop. Check returns Unknown only on a timeout or resource
/// limit; callers decide what that means for them.
/// </summary>
public sealed class Z3Solver : IDisposable
{
    private readonly Z3Context _context;
    private readonly SolverHandle _handle;

    internal Z3Solver(Z3Context context, SolverHandle handle)
    {
        _context = context;
        _handle = handle;
    }

    /// <summary>Number of open push levels.</summary>
    public int Depth { get; private set; }

    public void Assert(Term constraint)
    {
        Z3Native.Z3_solver_assert(_context.Raw, Raw, constraint.Handle);
        _context.Check();
    }

    public SolverResult Check()
    {
        var result = Z3Native.Z3_solver_check(_context.Raw, Raw);
        _context.Check();
        return (SolverResult)result;
    }

    public void Push()
    {
        Z3Native.Z3_solver_push(_context.Raw, Raw);
        _context.Check();
        Depth++;
    }

    public void Pop()
    {
        if (Depth == 0) throw new InvalidOperationException("Pop without a matching Push.");
        Z3Native.Z3_solver_pop(_context.Raw, Raw, 1);
        _context.Check();
        Depth--;
    }

    /// <summary>The model of the last satisfiable Check.</summary>
    public Z3Model Model()
    {
        var model = Z3Native.Z3_solver_get_model(_context.Raw, Raw);
        _context.Check();
        return new Z3Model(_context, model);
    }

    public void Dispose() => _handle.Dispose();

    private IntPtr Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }
}
