using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>
/// The raw Z3 C API (z3_api.h of Z3 4.8), only the functions PolicyLint uses. Every Z3_* handle
/// is an IntPtr; Z3_bool is C99 bool (one byte); Z3_lbool is an int enum (-1, 0, 1).
/// Strings returned by Z3 belong to Z3, so they are returned as IntPtr and copied, never freed.
/// Callers go through <see cref="Z3Context"/>, which checks the error code after each call.
/// </summary>
internal static unsafe partial class Z3Native
{
    static Z3Native() => Z3Library.EnsureLoaded();

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_get_version(out uint major, out uint minor, out uint build, out uint revision);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_config();

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_del_config(IntPtr config);

    [LibraryImport(Z3Library.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Z3_set_param_value(IntPtr config, string paramId, string paramValue);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_context_rc(IntPtr config);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_del_context(IntPtr context);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_set_error_handler(IntPtr context, delegate* unmanaged[Cdecl]<IntPtr, int, void> handler);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial int Z3_get_error_code(IntPtr context);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_get_error_msg(IntPtr context, int errorCode);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_inc_ref(IntPtr context, IntPtr ast);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_dec_ref(IntPtr context, IntPtr ast);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_bool_sort(IntPtr context);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_bv_sort(IntPtr context, uint size);

    [LibraryImport(Z3Library.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr Z3_mk_string_symbol(IntPtr context, string name);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_const(IntPtr context, IntPtr symbol, IntPtr sort);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_true(IntPtr context);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_false(IntPtr context);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_not(IntPtr context, IntPtr a);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_and(IntPtr context, uint count, IntPtr* args);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_or(IntPtr context, uint count, IntPtr* args);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_eq(IntPtr context, IntPtr left, IntPtr right);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_ite(IntPtr context, IntPtr condition, IntPtr then, IntPtr otherwise);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_implies(IntPtr context, IntPtr left, IntPtr right);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_xor(IntPtr context, IntPtr left, IntPtr right);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_unsigned_int64(IntPtr context, ulong value, IntPtr sort);

    [LibraryImport(Z3Library.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr Z3_mk_numeral(IntPtr context, string numeral, IntPtr sort);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_bvule(IntPtr context, IntPtr left, IntPtr right);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_bvult(IntPtr context, IntPtr left, IntPtr right);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_bvadd(IntPtr context, IntPtr left, IntPtr right);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_bvmul(IntPtr context, IntPtr left, IntPtr right);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_bvand(IntPtr context, IntPtr left, IntPtr right);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_extract(IntPtr context, uint high, uint low, IntPtr a);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_mk_solver(IntPtr context);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_solver_inc_ref(IntPtr context, IntPtr solver);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_solver_dec_ref(IntPtr context, IntPtr solver);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_solver_assert(IntPtr context, IntPtr solver, IntPtr a);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial int Z3_solver_check(IntPtr context, IntPtr solver);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial int Z3_solver_check_assumptions(IntPtr context, IntPtr solver, uint count, IntPtr* assumptions);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_solver_get_unsat_core(IntPtr context, IntPtr solver);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_ast_vector_inc_ref(IntPtr context, IntPtr vector);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_ast_vector_dec_ref(IntPtr context, IntPtr vector);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial uint Z3_ast_vector_size(IntPtr context, IntPtr vector);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_ast_vector_get(IntPtr context, IntPtr vector, uint index);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_solver_push(IntPtr context, IntPtr solver);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_solver_pop(IntPtr context, IntPtr solver, uint count);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_solver_get_model(IntPtr context, IntPtr solver);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_model_inc_ref(IntPtr context, IntPtr model);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial void Z3_model_dec_ref(IntPtr context, IntPtr model);

    [LibraryImport(Z3Library.ImportName)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool Z3_model_eval(
        IntPtr context, IntPtr model, IntPtr a, [MarshalAs(UnmanagedType.U1)] bool completion, out IntPtr value);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_get_numeral_string(IntPtr context, IntPtr a);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial int Z3_get_bool_value(IntPtr context, IntPtr a);

    [LibraryImport(Z3Library.ImportName)]
    internal static partial IntPtr Z3_ast_to_string(IntPtr context, IntPtr a);

    /// <summary>
    /// Installed on every context: Z3 calls it on an error and then returns from the API call,
    /// which <see cref="Z3Context"/> detects with Z3_get_error_code. Throwing here would unwind
    /// through native frames, so it deliberately does nothing.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    internal static void IgnoreError(IntPtr context, int errorCode)
    {
    }
}
