using System.Threading;

namespace PolicyLint.Rules;

/// <summary>
/// How long the solver may work on one check of a lint question (`lint --solver-budget`).
/// There is no cut-off by input size: questions are asked scope by scope (see
/// docs/architecture.md, "Solver questions at scale"), so each stays small. A check that runs
/// out of time leaves its question unfinished: the rule reports nothing for it, and the lint
/// summary counts it ("n checks unfinished"), so a missing finding is never silent.
/// </summary>
public sealed class SolverBudget
{
    public static readonly TimeSpan DefaultPerCheck = TimeSpan.FromSeconds(10);

    /// <summary>
    /// All the solver's lint questions together (`lint --solver-total`): on a cluster whose
    /// questions would take longer, the rest are counted unfinished instead of keeping a CI job
    /// waiting (bench/REDUNDANCY.md has the figures that set it).
    /// </summary>
    public static readonly TimeSpan DefaultTotal = TimeSpan.FromSeconds(120);

    private int _unfinished;

    /// <summary>Started by the first solver question of the run: <see cref="Total"/> counts from there.</summary>
    private readonly Lazy<System.Diagnostics.Stopwatch> _clock = new(System.Diagnostics.Stopwatch.StartNew, LazyThreadSafetyMode.ExecutionAndPublication);

    public SolverBudget(TimeSpan? perCheck = null, TimeSpan? total = null)
    {
        PerCheck = perCheck ?? DefaultPerCheck;
        Total = total ?? DefaultTotal;
        if (PerCheck <= TimeSpan.Zero || Total <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(perCheck), "The solver budget must be positive.");
    }

    public TimeSpan PerCheck { get; }

    public TimeSpan Total { get; }

    /// <summary>The Z3 time limit of one check, in milliseconds (at least 1).</summary>
    public uint Milliseconds => (uint)Math.Clamp(PerCheck.TotalMilliseconds, 1, uint.MaxValue);

    /// <summary>What is left of <see cref="Total"/> (starts the clock on the first call; zero once spent).</summary>
    public TimeSpan TotalLeft
    {
        get
        {
            var left = Total - _clock.Value.Elapsed;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Questions left unfinished so far in this lint run.</summary>
    public int Unfinished => Volatile.Read(ref _unfinished);

    public void CountUnfinished(int questions) => Interlocked.Add(ref _unfinished, questions);

    /// <summary>Counts a question as unfinished when its answer is null; returns the answer.</summary>
    public T? Counted<T>(T? answer) where T : class
    {
        if (answer is null) CountUnfinished(1);
        return answer;
    }
}
