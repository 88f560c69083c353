using System.Runtime.CompilerServices;

namespace PolicyLint.Analyzer.Tests.Smt;

/// <summary>
/// Golden files: <c>Name.verified.txt</c> next to the calling test file. On a mismatch the
/// actual text goes to <c>Name.received.txt</c> and the test fails; POLICYLINT_ACCEPT=1 copies
/// received over verified.
/// </summary>
internal static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string testFile = "")
    {
        var directory = Path.GetDirectoryName(testFile)!;
        var verified = Path.Combine(directory, name + ".verified.txt");
        var received = Path.Combine(directory, name + ".received.txt");
        actual = actual.ReplaceLineEndings("\n");
        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        if (Environment.GetEnvironmentVariable("POLICYLINT_ACCEPT") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail($"{name}: output differs from {verified}; see {received} (accept with POLICYLINT_ACCEPT=1).");
    }
}
