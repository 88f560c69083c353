using System.Runtime.InteropServices;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>The machine a size was measured on. MemoryGb is physical memory; GcHeapLimitGb what the GC may use (a set DOTNET_GCHeapHardLimit shows here).</summary>
internal sealed record MachineInfo(int Cores, double MemoryGb, double GcHeapLimitGb, string Runtime, string OperatingSystem, string Date, string Gc)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        PhysicalMemoryGb() ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1_073_741_824.0,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1_073_741_824.0,
        RuntimeInformation.FrameworkDescription,
        PrettyOsName() ?? RuntimeInformation.OSDescription,
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        System.Runtime.GCSettings.IsServerGC ? "server" : "workstation (concurrent)");

    private static double? PhysicalMemoryGb()
    {
        const string memInfo = "/proc/meminfo";
        if (!File.Exists(memInfo)) return null;
        var line = File.ReadLines(memInfo).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[9..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1_048_576.0;
    }

    private static string? PrettyOsName()
    {
        const string osRelease = "/etc/os-release";
        if (!File.Exists(osRelease)) return null;
        var line = File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line?["PRETTY_NAME=".Length..].Trim('"') + $" ({RuntimeInformation.OSArchitecture}, kernel {Environment.OSVersion.Version})";
    }
}
