using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>A satisfying assignment; evaluates terms to concrete values (with model completion).</summary>
internal sealed class Z3Model : IDisposable
{
    private readonly Z3Context _context;
    private IntPtr _model;

    internal Z3Model(Z3Context context, IntPtr model)
    {
        _context = context;
        _model = model;
        Z3Native.Z3_model_inc_ref(context.Raw, model);
        _context.Check();
    }

    public bool EvaluateBool(Term term)
    {
        var value = Evaluate(term);
        try
        {
            var result = Z3Native.Z3_get_bool_value(_context.Raw, value);
            _context.Check();
            return result switch
            {
                1 => true,
                -1 => false,
                _ => throw new Z3Exception($"The model gives no Boolean value for {term}."),
            };
        }
        finally
        {
            Z3Native.Z3_dec_ref(_context.Raw, value);
        }
    }

    /// <summary>The value of a bit-vector term as an unsigned integer of any width.</summary>
    public BigInteger EvaluateBitVector(Term term)
    {
        var value = Evaluate(term);
        try
        {
            var text = Z3Native.Z3_get_numeral_string(_context.Raw, value);
            _context.Check();
            return BigInteger.Parse(Marshal.PtrToStringUTF8(text) ?? "", NumberStyles.None, CultureInfo.InvariantCulture);
        }
        finally
        {
            Z3Native.Z3_dec_ref(_context.Raw, value);
        }
    }

    public ulong EvaluateUInt64(Term term) => (ulong)EvaluateBitVector(term);

    public void Dispose()
    {
        if (_model == IntPtr.Zero || _context.IsDisposed) return;
        Z3Native.Z3_model_dec_ref(_context.Raw, _model);
        _model = IntPtr.Zero;
    }

    /// <summary>Evaluates with model completion and returns the value holding one reference.</summary>
    private IntPtr Evaluate(Term term)
    {
        ObjectDisposedException.ThrowIf(_model == IntPtr.Zero, this);
        var ok = Z3Native.Z3_model_eval(_context.Raw, _model, term.Handle, true, out var value);
        _context.Check();
        if (!ok || value == IntPtr.Zero) throw new Z3Exception($"Z3 could not evaluate {term} in the model.");
        Z3Native.Z3_inc_ref(_context.Raw, value);
        return value;
    }
}
