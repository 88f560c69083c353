namespace PolicyLint.Cli;

/// <summary>The exit codes of the command line contract (README.md, "Commands").</summary>
public static class ExitCodes
{
    /// <summary>Success; for can-reach: reachable.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above --fail-on; can-reach: not reachable; diff: connectivity changed.</summary>
    public const int Findings = 1;

    /// <summary>Bad input or bad usage.</summary>
    public const int BadInput = 2;

    /// <summary>A bug in PolicyLint (an exception that escaped): never caused by user input.</summary>
    public const int InternalError = 70;
}
