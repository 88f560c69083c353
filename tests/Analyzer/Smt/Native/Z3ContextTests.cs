using System.Diagnostics;
using System.Numerics;
using PolicyLint.Analyzer.Smt.Native;

namespace PolicyLint.Analyzer.Tests.Smt.Native;

[Collection(PolicyLint.Analyzer.Tests.Smt.SolverHeavyCollection.Name)]
public sealed class Z3ContextTests
{
    [Fact]
    public void Loads_libz3_version_4()
    {
        Assert.Equal(4, Z3Context.LibraryVersion.Major);
        Assert.True(Z3Context.IsLibraryAvailable(out var message));
        Assert.Null(message);
    }

    [Fact]
    public void Satisfiable_formula_has_a_model_that_satisfies_it()
    {
        using var context = new Z3Context();
        using var solver = context.CreateSolver();
        var p = context.BoolConst("p");
        var q = context.BoolConst("q");
        solver.Assert(context.Or(p, q));
        solver.Assert(context.Not(p));

        Assert.Equal(SolverResult.Satisfiable, solver.Check());
        using var model = solver.Model();
        Assert.False(model.EvaluateBool(p));
        Assert.True(model.EvaluateBool(q));
    }

    [Fact]
    public void Contradiction_is_unsatisfiable()
    {
        using var context = new Z3Context();
        using var solver = context.CreateSolver();
        var p = context.BoolConst("p");
        solver.Assert(context.And(p, context.Not(p)));
        Assert.Equal(SolverResult.Unsatisfiable, solver.Check());
    }

    [Fact]
    public void Push_and_pop_restore_the_previous_assertions()
    {
        using var context = new Z3Context();
        using var solver = context.CreateSolver();
        var x = context.BitVectorConst("x", 8);
        solver.Assert(context.ULt(x, context.BitVector(10, 8)));
        solver.Push();
        solver.Assert(context.Eq(x, context.BitVector(200, 8)));
        Assert.Equal(SolverResult.Unsatisfiable, solver.Check());
        solver.Pop();
        Assert.Equal(SolverResult.Satisfiable, solver.Check());
        Assert.Equal(0, solver.Depth);
        Assert.Throws<InvalidOperationException>(solver.Pop);
    }

    [Fact]
    public void Unsat_core_names_the_assumptions_that_conflict()
    {
        using var context = new Z3Context();
        using var solver = context.CreateSolver();
        var a = context.BoolConst("a");
        var b = context.BoolConst("b");
        var c = context.BoolConst("c");
        solver.Assert(context.Not(context.And(a, c)));
        Assert.Equal(SolverResult.Unsatisfiable, solver.Check([a, b, c]));
        var core = solver.UnsatCore([a, b, c]);
        Assert.Equal(["a", "c"], core.Select(t => t.ToString()));
        Assert.Equal(SolverResult.Satisfiable, solver.Check([a, b]));
    }

    [Fact]
    public void Bit_vector_arithmetic_wraps_modulo_the_width()
    {
        using var context = new Z3Context();
        using var solver = context.CreateSolver();
        var x = context.BitVectorConst("x", 8);
        // x * 3 + 7 == 1 (mod 256) has the single solution x = 254 (3 * 254 + 7 = 769 = 3 * 256 + 1).
        solver.Assert(context.Eq(context.Add(context.Mul(x, context.BitVector(3, 8)), context.BitVector(7, 8)), context.BitVector(1, 8)));
        Assert.Equal(SolverResult.Satisfiable, solver.Check());
        using var model = solver.Model();
        Assert.Equal(254UL, model.EvaluateUInt64(x));
    }

    [Fact]
    public void Bit_vector_and_extract_and_unsigned_order()
    {
        using var context = new Z3Context();
        using var solver = context.CreateSolver();
        var address = context.BitVectorConst("address", 32);
        // 10.1.0.0/16 by mask, and the low byte above 0x80 in unsigned order.
        solver.Assert(context.Eq(context.BitAnd(address, context.BitVector(0xFFFF0000UL, 32)), context.BitVector(0x0A010000UL, 32)));
        solver.Assert(context.ULt(context.BitVector(0x80, 8), context.Extract(7, 0, address)));
        Assert.Equal(SolverResult.Satisfiable, solver.Check());
        using var model = solver.Model();
        var value = model.EvaluateUInt64(address);
        Assert.Equal(0x0A010000UL, value & 0xFFFF0000UL);
        Assert.True((value & 0xFF) > 0x80);
    }

    [Fact]
    public void Wide_bit_vectors_round_trip_through_the_model()
    {
        using var context = new Z3Context();
        using var solver = context.CreateSolver();
        var address = context.BitVectorConst("v6", 128);
        var value = (BigInteger.One << 127) + 12345;
        solver.Assert(context.Eq(address, context.BitVector(value, 128)));
        Assert.Equal(SolverResult.Satisfiable, solver.Check());
        using var model = solver.Model();
        Assert.Equal(value, model.EvaluateBitVector(address));
    }

    [Fact]
    public void Sort_mismatch_is_an_exception_not_a_crash()
    {
        using var context = new Z3Context();
        var narrow = context.BitVectorConst("a", 8);
        var wide = context.BitVectorConst("b", 16);
        var error = Assert.Throws<Z3Exception>(() => context.Add(narrow, wide));
        Assert.Contains("Z3 error", error.Message);
        Assert.NotEqual(0, error.ErrorCode);
        // The context stays usable after an error.
        Assert.Equal("(bvadd a a)", context.Add(narrow, narrow).ToString());
    }

    [Fact]
    public void Invalid_extract_bounds_are_an_exception()
    {
        using var context = new Z3Context();
        var x = context.BitVectorConst("x", 8);
        Assert.Throws<Z3Exception>(() => context.Extract(20, 0, x));
    }

    [Fact]
    public void Terms_of_a_disposed_scope_cannot_be_used()
    {
        using var context = new Z3Context();
        Term inner;
        using (context.OpenScope())
        {
            inner = context.BoolConst("p");
        }
        Assert.Throws<ObjectDisposedException>(() => context.Not(inner));
    }

    [Fact]
    public void Scopes_must_close_innermost_first()
    {
        using var context = new Z3Context();
        var outer = context.OpenScope();
        var inner = context.OpenScope();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
    }

    [Fact]
    public void Scope_owns_exactly_the_terms_made_inside_it()
    {
        using var context = new Z3Context();
        using var scope = context.OpenScope();
        var x = context.BitVectorConst("x", 16);
        context.Add(x, context.BitVector(1, 16));
        Assert.Equal(3, scope.Count);
    }

    [Fact]
    public void Missing_library_is_one_clear_exception()
    {
        var error = Assert.Throws<Z3LibraryNotFoundException>(() => Z3Library.Load(["libz3-does-not-exist.so.99", "libz3-nope.so"]));
        Assert.Contains("apt-get install -y libz3-4", error.Message);
        Assert.Contains("libz3-does-not-exist.so.99", error.Message);
    }

    [Fact]
    public void Disposing_a_context_before_its_solver_is_safe()
    {
        var context = new Z3Context();
        var solver = context.CreateSolver();
        solver.Assert(context.BoolConst("p"));
        context.Dispose();
        solver.Dispose();
        Assert.True(context.IsDisposed);
    }

    /// <summary>
    /// 10,000 contexts and 1,000,000 distinct terms: if references leaked, native memory would
    /// grow by hundreds of megabytes (each term is well over 100 bytes inside Z3).
    /// </summary>
    [Fact]
    public void Memory_stays_bounded_over_many_contexts_and_terms()
    {
        ChurnContexts(200);
        ChurnTerms(20_000);
        var before = SettledWorkingSet();

        ChurnContexts(10_000);
        ChurnTerms(1_000_000);

        var growth = SettledWorkingSet() - before;
        Assert.True(growth < 64L * 1024 * 1024, $"working set grew by {growth / (1024 * 1024)} MiB");
    }

    /// <summary>
    /// A context costs about 2 ms to create, which is what bounds this test's time. One thread:
    /// a second one would add a malloc arena and blur the measurement.
    /// </summary>
    private static void ChurnContexts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var context = new Z3Context();
            var x = context.BitVectorConst("x", 32);
            var constraint = context.Eq(x, context.BitVector((ulong)i, 32));
            if (i % 100 != 0) continue;
            using var solver = context.CreateSolver();
            solver.Assert(constraint);
            Assert.Equal(SolverResult.Satisfiable, solver.Check());
        }
    }

    private static void ChurnTerms(int count)
    {
        using var context = new Z3Context();
        var x = context.BitVectorConst("x", 64);
        const int perScope = 10_000;
        for (var done = 0; done < count; done += perScope)
        {
            using var scope = context.OpenScope();
            for (var i = 0; i < perScope; i++)
            {
                // Distinct numerals make distinct terms (Z3 shares equal ones).
                context.Add(x, context.BitVector((ulong)(done + i), 64));
            }
        }
    }

    private static long SettledWorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
