namespace PolicyLint.Cli;

public static class Program
{
    public static int Main(string[] args) => CliApp.Run(args, CliContext.FromConsole());
}
