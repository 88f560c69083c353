namespace PolicyLint.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var context = CliContext.FromConsole();
        try
        {
            return CliApp.Run(args, context);
        }
        finally
        {
            // Standard output may be buffered (CliContext.FromConsole): what it holds is written here.
            context.Out.Flush();
        }
    }
}
