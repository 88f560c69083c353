using System.Runtime.CompilerServices;

namespace PolicyLint.Tests;

/// <summary>
/// Shared by every test project (linked from tests/Shared). Golden files: <c>NAME.verified.txt</c> beside the calling test. A mismatch writes
/// <c>NAME.received.txt</c> beside it and fails; POLICYLINT_ACCEPT=1 accepts (writes verified).
/// </summary>
public static class Golden
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var directory = Path.GetDirectoryName(testFile)!;
        var verified = Path.Combine(directory, $"{name}.verified.txt");
        var received = Path.Combine(directory, $"{name}.received.txt");
        var normalized = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("POLICYLINT_ACCEPT") == "1")
        {
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == normalized)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, normalized);
        Assert.Fail(expected is null
            ? $"no golden file {verified}; wrote {received} (accept with POLICYLINT_ACCEPT=1)"
            : $"output differs from {verified}; wrote {received} (diff them; accept with POLICYLINT_ACCEPT=1)");
    }
}
