using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// What a path names once links are followed. Opening a FIFO blocks until someone writes to it
/// and a device such as /dev/zero never ends, so only regular files are opened. .NET has no
/// public call for the file type, so on Unix this asks the runtime's own native shim
/// (<c>SystemNative_Stat</c> in libSystem.Native, which ships with every .NET runtime and
/// reports the POSIX <c>S_IFMT</c> bits in the second 32-bit field of its status record).
/// </summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Other,
}

public static unsafe partial class FileKinds
{
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        if (OperatingSystem.IsWindows()) return FileKind.Regular;
        // Larger than the record in any runtime version; only the mode field is read.
        var status = stackalloc byte[512];
        if (Stat(path, status) != 0) return FileKind.Missing;
        return (((int*)status)[1] & TypeMask) switch
        {
            RegularType => FileKind.Regular,
            DirectoryType => FileKind.Directory,
            _ => FileKind.Other,
        };
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* status);
}
