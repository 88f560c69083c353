using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>Owns a Z3_context made with Z3_mk_context_rc; deleting it frees every AST it made.</summary>
internal sealed class ContextHandle : SafeHandle
{
    public ContextHandle(IntPtr context) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(context);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Z3Native.Z3_del_context(handle);
        return true;
    }
}
