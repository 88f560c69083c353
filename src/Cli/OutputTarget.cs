using System.Text;

namespace PolicyLint.Cli;

/// <summary>Standard output, or the file named by --output (UTF-8 without BOM, created or replaced).</summary>
public static class OutputTarget
{
    /// <summary>Runs <paramref name="write"/> against the target; false (with a message on stderr) when the file cannot be written.</summary>
    public static bool Write(CliContext context, string? path, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(context.Out);
            return true;
        }
        try
        {
            var full = Path.IsPathRooted(path) ? path : Path.Combine(context.WorkingDirectory, path);
            using var file = new StreamWriter(full, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
            write(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            context.Error.WriteLine($"policylint: cannot write '{path}': {e.Message}");
            return false;
        }
    }
}
