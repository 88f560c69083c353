namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>A Z3 API call failed (Z3_get_error_code was not Z3_OK); Message is Z3's own text.</summary>
internal class Z3Exception : Exception
{
    public Z3Exception(string message, int errorCode) : base(message) => ErrorCode = errorCode;

    public Z3Exception(string message) : base(message) => ErrorCode = 0;

    /// <summary>Z3's Z3_error_code (1 = sort error, 2 = index out of bounds, 3 = invalid argument, ...).</summary>
    public int ErrorCode { get; }
}

/// <summary>No libz3 could be loaded. The message tells the user how to install it.</summary>
internal sealed class Z3LibraryNotFoundException : DllNotFoundException
{
    public Z3LibraryNotFoundException(IEnumerable<string> triedNames)
        : base(
            "The Z3 solver library was not found (tried " + string.Join(", ", triedNames) + "). " +
            "Install the Debian package libz3-4: apt-get install -y libz3-4")
    {
    }
}
