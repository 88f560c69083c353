using System.Reflection;
using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Smt.Native;

/// <summary>
/// Finds libz3 for the P/Invoke layer. Debian ships it as libz3.so.4 (package libz3-4); the
/// unversioned libz3.so exists only with the -dev package, so both are tried, in that order.
/// </summary>
internal static class Z3Library
{
    internal const string ImportName = "z3";

    internal static readonly IReadOnlyList<string> Candidates = ["libz3.so.4", "libz3.so"];

    private static readonly Lazy<IntPtr> Handle = new(() => Load(Candidates), LazyThreadSafetyMode.ExecutionAndPublication);

    static Z3Library() => NativeLibrary.SetDllImportResolver(typeof(Z3Library).Assembly, Resolve);

    /// <summary>Loads libz3 now, so a missing library is reported once, clearly, before any call.</summary>
    internal static void EnsureLoaded() => _ = Handle.Value;

    /// <summary>Tries each candidate name; throws <see cref="Z3LibraryNotFoundException"/> when none loads.</summary>
    internal static IntPtr Load(IReadOnlyList<string> candidates)
    {
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle)) return handle;
        }
        throw new Z3LibraryNotFoundException(candidates);
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ImportName ? Handle.Value : IntPtr.Zero;
}
