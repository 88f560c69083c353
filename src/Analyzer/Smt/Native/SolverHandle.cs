using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>
/// Owns one reference to a Z3_solver. It keeps its context alive (DangerousAddRef) so that the
/// solver's reference is always dropped before the context is deleted, whatever the order of
/// disposal or finalization.
/// </summary>
internal sealed class SolverHandle : SafeHandle
{
    private readonly ContextHandle _context;

    public SolverHandle(ContextHandle context, IntPtr solver) : base(IntPtr.Zero, ownsHandle: true)
    {
        _context = context;
        var added = false;
        _context.DangerousAddRef(ref added);
        Z3Native.Z3_solver_inc_ref(_context.DangerousGetHandle(), solver);
        SetHandle(solver);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Z3Native.Z3_solver_dec_ref(_context.DangerousGetHandle(), handle);
        _context.DangerousRelease();
        return true;
    }
}
