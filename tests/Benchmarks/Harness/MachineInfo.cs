using System.Runtime.InteropServices;

namespace PolicyLint.Benchmarks.Harness;

internal sealed record MachineInfo(int Cores, double MemoryGb, string Runtime, string OperatingSystem, string Date, string Gc)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1_073_741_824.0,
        RuntimeInformation.FrameworkDescription,
        PrettyOsName() ?? RuntimeInformation.OSDescription,
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        System.Runtime.GCSettings.IsServerGC ? "server" : "workstation (concurrent)");

    private static string? PrettyOsName()
    {
        const string osRelease = "/etc/os-release";
        if (!File.Exists(osRelease)) return null;
        var line = File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line?["PRETTY_NAME=".Length..].Trim('"') + $" ({RuntimeInformation.OSArchitecture}, kernel {Environment.OSVersion.Version})";
    }
}
