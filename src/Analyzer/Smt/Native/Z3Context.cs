using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>
/// A Z3 context (Z3_mk_context_rc) with typed builders for the terms PolicyLint needs. Every
/// call is checked: a Z3 error becomes a <see cref="Z3Exception"/>. Terms belong to the
/// innermost open <see cref="TermScope"/>. Like Z3 itself, a context is not thread-safe: use
/// one per thread.
/// </summary>
internal sealed unsafe class Z3Context : IDisposable
{
    private readonly ContextHandle _handle;
    private readonly List<TermScope> _scopes = [];
    private Sort? _boolSort;
    private readonly Dictionary<uint, Sort> _bitVectorSorts = [];

    /// <param name="timeoutMilliseconds">Solver time limit per check; 0 means none.</param>
    public Z3Context(uint timeoutMilliseconds = 0)
    {
        Z3Library.EnsureLoaded();
        var config = Z3Native.Z3_mk_config();
        try
        {
            // Witnesses must be complete models: every variable gets a value.
            Z3Native.Z3_set_param_value(config, "model", "true");
            if (timeoutMilliseconds > 0)
            {
                Z3Native.Z3_set_param_value(config, "timeout", timeoutMilliseconds.ToString(CultureInfo.InvariantCulture));
            }
            _handle = new ContextHandle(Z3Native.Z3_mk_context_rc(config));
        }
        finally
        {
            Z3Native.Z3_del_config(config);
        }
        if (_handle.IsInvalid) throw new Z3Exception("Z3 could not create a context.");
        Z3Native.Z3_set_error_handler(_handle.DangerousGetHandle(), &Z3Native.IgnoreError);
        _scopes.Add(new TermScope(this));
    }

    /// <summary>The libz3 version loaded, for example 4.8.12.</summary>
    public static Version LibraryVersion
    {
        get
        {
            Z3Library.EnsureLoaded();
            Z3Native.Z3_get_version(out var major, out var minor, out var build, out var revision);
            return new Version((int)major, (int)minor, (int)build, (int)revision);
        }
    }

    public bool IsDisposed { get; private set; }

    /// <summary>
    /// Whether libz3 can be loaded, without throwing: commands that only sometimes need the
    /// solver can say why a check is skipped (Message tells how to install libz3-4).
    /// </summary>
    public static bool IsLibraryAvailable(out string? message)
    {
        try
        {
            Z3Library.EnsureLoaded();
            message = null;
            return true;
        }
        catch (Z3LibraryNotFoundException e)
        {
            message = e.Message;
            return false;
        }
    }

    internal IntPtr Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _handle.DangerousGetHandle();
        }
    }

    internal ContextHandle Handle => _handle;

    /// <summary>Opens a scope that owns the terms made until it is disposed.</summary>
    public TermScope OpenScope()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var scope = new TermScope(this);
        _scopes.Add(scope);
        return scope;
    }

    internal void CloseScope(TermScope scope, List<IntPtr> owned)
    {
        if (IsDisposed) return;
        if (_scopes.Count < 2 || !ReferenceEquals(_scopes[^1], scope))
        {
            throw new InvalidOperationException("Term scopes must be disposed innermost first.");
        }
        var context = Raw;
        foreach (var ast in owned) Z3Native.Z3_dec_ref(context, ast);
        _scopes.RemoveAt(_scopes.Count - 1);
        // Sorts are cached; forget any that lived in the closed scope.
        if (_boolSort is not null && ReferenceEquals(_boolSort.Scope, scope)) _boolSort = null;
        foreach (var (size, sort) in _bitVectorSorts.ToArray())
        {
            if (ReferenceEquals(sort.Scope, scope)) _bitVectorSorts.Remove(size);
        }
    }

    public void Dispose()
    {
        if (IsDisposed) return;
        foreach (var scope in _scopes) scope.Abandon();
        _scopes.Clear();
        IsDisposed = true;
        _handle.Dispose();
    }

    // ---- sorts and constants -------------------------------------------------------------

    public Sort BoolSort => _boolSort ??= RootSort(() => Z3Native.Z3_mk_bool_sort(Raw), 0);

    public Sort BitVectorSort(uint size)
    {
        if (_bitVectorSorts.TryGetValue(size, out var sort)) return sort;
        sort = RootSort(() => Z3Native.Z3_mk_bv_sort(Raw, size), size);
        _bitVectorSorts[size] = sort;
        return sort;
    }

    /// <summary>An uninterpreted constant (a variable of the formula) of the given sort.</summary>
    public Term Const(string name, Sort sort)
    {
        var symbol = Z3Native.Z3_mk_string_symbol(Raw, name);
        Check();
        return Wrap(Z3Native.Z3_mk_const(Raw, symbol, sort.Handle));
    }

    public Term BoolConst(string name) => Const(name, BoolSort);

    public Term BitVectorConst(string name, uint size) => Const(name, BitVectorSort(size));

    public Term True => Wrap(Z3Native.Z3_mk_true(Raw));

    public Term False => Wrap(Z3Native.Z3_mk_false(Raw));

    public Term Bool(bool value) => value ? True : False;

    public Term BitVector(ulong value, uint size) => Wrap(Z3Native.Z3_mk_unsigned_int64(Raw, value, BitVectorSort(size).Handle));

    /// <summary>A bit-vector numeral of any width (IPv6 addresses need 128 bits).</summary>
    public Term BitVector(BigInteger value, uint size) =>
        Wrap(Z3Native.Z3_mk_numeral(Raw, value.ToString(CultureInfo.InvariantCulture), BitVectorSort(size).Handle));

    // ---- Boolean connectives ---------------------------------------------------------------

    public Term Not(Term a) => Wrap(Z3Native.Z3_mk_not(Raw, a.Handle));

    public Term And(params Term[] terms) => And((IReadOnlyList<Term>)terms);

    public Term And(IReadOnlyList<Term> terms) => terms.Count switch
    {
        0 => True,
        1 => terms[0],
        _ => Combine(terms, conjunction: true),
    };

    public Term Or(params Term[] terms) => Or((IReadOnlyList<Term>)terms);

    public Term Or(IReadOnlyList<Term> terms) => terms.Count switch
    {
        0 => False,
        1 => terms[0],
        _ => Combine(terms, conjunction: false),
    };

    public Term Eq(Term left, Term right) => Wrap(Z3Native.Z3_mk_eq(Raw, left.Handle, right.Handle));

    public Term Ite(Term condition, Term then, Term otherwise) =>
        Wrap(Z3Native.Z3_mk_ite(Raw, condition.Handle, then.Handle, otherwise.Handle));

    public Term Implies(Term left, Term right) => Wrap(Z3Native.Z3_mk_implies(Raw, left.Handle, right.Handle));

    public Term Xor(Term left, Term right) => Wrap(Z3Native.Z3_mk_xor(Raw, left.Handle, right.Handle));

    // ---- bit-vectors ----------------------------------------------------------------------

    /// <summary>Unsigned left ≤ right.</summary>
    public Term ULe(Term left, Term right) => Wrap(Z3Native.Z3_mk_bvule(Raw, left.Handle, right.Handle));

    /// <summary>Unsigned left &lt; right.</summary>
    public Term ULt(Term left, Term right) => Wrap(Z3Native.Z3_mk_bvult(Raw, left.Handle, right.Handle));

    public Term Add(Term left, Term right) => Wrap(Z3Native.Z3_mk_bvadd(Raw, left.Handle, right.Handle));

    public Term Mul(Term left, Term right) => Wrap(Z3Native.Z3_mk_bvmul(Raw, left.Handle, right.Handle));

    public Term BitAnd(Term left, Term right) => Wrap(Z3Native.Z3_mk_bvand(Raw, left.Handle, right.Handle));

    /// <summary>Bits high..low (inclusive) of a bit-vector.</summary>
    public Term Extract(uint high, uint low, Term a) => Wrap(Z3Native.Z3_mk_extract(Raw, high, low, a.Handle));

    public Z3Solver CreateSolver()
    {
        var solver = Z3Native.Z3_mk_solver(Raw);
        Check();
        return new Z3Solver(this, new SolverHandle(_handle, solver));
    }

    internal string TermToString(Term term)
    {
        var text = Z3Native.Z3_ast_to_string(Raw, term.Handle);
        Check();
        return Marshal.PtrToStringUTF8(text) ?? "";
    }

    /// <summary>Throws the pending Z3 error, if any, as a <see cref="Z3Exception"/>.</summary>
    internal void Check()
    {
        var code = Z3Native.Z3_get_error_code(Raw);
        if (code == 0) return;
        var message = Marshal.PtrToStringUTF8(Z3Native.Z3_get_error_msg(Raw, code)) ?? "unknown error";
        throw new Z3Exception($"Z3 error {code}: {message}", code);
    }

    /// <summary>Checks the call that produced <paramref name="ast"/>, takes a reference and gives it to the innermost scope.</summary>
    internal Term Wrap(IntPtr ast)
    {
        Check();
        if (ast == IntPtr.Zero) throw new Z3Exception("Z3 returned no term.");
        Z3Native.Z3_inc_ref(Raw, ast);
        var scope = _scopes[^1];
        scope.Own(ast);
        return new Term(this, scope, ast);
    }

    /// <summary>Sorts are cached, so they are owned by the root scope and live as long as the context.</summary>
    private Sort RootSort(Func<IntPtr> make, uint size)
    {
        var ast = make();
        Check();
        Z3Native.Z3_inc_ref(Raw, ast);
        _scopes[0].Own(ast);
        return new Sort(_scopes[0], ast, size);
    }

    private Term Combine(IReadOnlyList<Term> terms, bool conjunction)
    {
        var buffer = ArrayPool<IntPtr>.Shared.Rent(terms.Count);
        try
        {
            for (var i = 0; i < terms.Count; i++) buffer[i] = terms[i].Handle;
            fixed (IntPtr* args = buffer)
            {
                var count = (uint)terms.Count;
                return Wrap(conjunction ? Z3Native.Z3_mk_and(Raw, count, args) : Z3Native.Z3_mk_or(Raw, count, args));
            }
        }
        finally
        {
            ArrayPool<IntPtr>.Shared.Return(buffer);
        }
    }
}
