namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>
/// A Z3 solver with incremental push/pop. Check returns Unknown only on a timeout or resource
/// limit; callers decide what that means for them.
/// </summary>
internal sealed unsafe class Z3Solver : IDisposable
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

    /// <summary>Checks the assertions together with the given Boolean assumptions (which are not asserted).</summary>
    public SolverResult Check(IReadOnlyList<Term> assumptions)
    {
        var handles = new IntPtr[assumptions.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = assumptions[i].Handle;
        int result;
        fixed (IntPtr* args = handles)
        {
            result = Z3Native.Z3_solver_check_assumptions(_context.Raw, Raw, (uint)handles.Length, args);
        }
        _context.Check();
        return (SolverResult)result;
    }

    /// <summary>
    /// After an unsatisfiable <see cref="Check(IReadOnlyList{Term})"/>: the assumptions (a subset of
    /// <paramref name="assumptions"/>) that together with the assertions are already unsatisfiable.
    /// </summary>
    public IReadOnlyList<Term> UnsatCore(IReadOnlyList<Term> assumptions)
    {
        var vector = Z3Native.Z3_solver_get_unsat_core(_context.Raw, Raw);
        _context.Check();
        Z3Native.Z3_ast_vector_inc_ref(_context.Raw, vector);
        try
        {
            var inCore = new HashSet<IntPtr>();
            var size = Z3Native.Z3_ast_vector_size(_context.Raw, vector);
            for (uint i = 0; i < size; i++) inCore.Add(Z3Native.Z3_ast_vector_get(_context.Raw, vector, i));
            _context.Check();
            var core = new List<Term>();
            foreach (var assumption in assumptions)
            {
                if (inCore.Contains(assumption.Handle)) core.Add(assumption);
            }
            return core;
        }
        finally
        {
            Z3Native.Z3_ast_vector_dec_ref(_context.Raw, vector);
        }
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
