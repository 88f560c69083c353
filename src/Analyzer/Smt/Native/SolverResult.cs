namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>Z3_lbool as returned by Z3_solver_check.</summary>
internal enum SolverResult
{
    Unsatisfiable = -1,
    Unknown = 0,
    Satisfiable = 1,
}
