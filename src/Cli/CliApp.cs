using System.CommandLine;
using System.Reflection;
using PolicyLint.Cli.Output.Escaping;

namespace PolicyLint.Cli;

/// <summary>
/// Builds the command tree and runs it. Parse errors are usage errors (exit 2, as README.md
/// "Commands" says, where System.CommandLine would say 1); an exception escaping a command is a bug and is
/// reported in one line with exit 70, never as a stack trace unless POLICYLINT_DEBUG is set.
/// </summary>
public static class CliApp
{
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>The commit the tool was built from (set by the build from git), or null.</summary>
    public static string? Commit { get; } =
        typeof(CliApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceRevision")?.Value is { Length: > 0 } commit ? commit : null;

    /// <summary>What --version prints: the version, and the commit when it is known.</summary>
    public static string VersionLine => Commit is null ? Version : $"{Version} (commit {Commit})";

    public static int Run(string[] args, CliContext context)
    {
        // Every stderr line (diagnostics quote names, paths and values from the input) is one
        // line without escape sequences and never a workflow command.
        using var error = new TerminalTextWriter(context.Error);
        return RunCommand(args, context with { Error = error });
    }

    private static int RunCommand(string[] args, CliContext context)
    {
        var namespaceOption = NamespaceOption.Create();
        var root = BuildRoot(context, namespaceOption);
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0 && parse.GetValue(namespaceOption) is { } namespaceName)
        {
            // The commands capture the context when built: build them again with the namespace.
            (context, var problem) = NamespaceOption.Apply(context, namespaceName);
            if (problem is not null)
            {
                context.Error.WriteLine($"policylint: {problem}");
                return ExitCodes.BadInput;
            }
            namespaceOption = NamespaceOption.Create();
            root = BuildRoot(context, namespaceOption);
            parse = root.Parse(args);
        }
        if (parse.Errors.Count > 0 && !AsksForHelpOrVersion(args))
        {
            foreach (var error in parse.Errors)
            {
                context.Error.WriteLine($"policylint: {error.Message}");
            }
            context.Error.WriteLine("Run 'policylint --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable("POLICYLINT_DEBUG") is null)
        {
            context.Error.WriteLine(
                $"policylint: internal error: {exception.GetType().Name}: {exception.Message} " +
                "(this is a bug in PolicyLint; run with POLICYLINT_DEBUG=1 for details and report it)");
            return ExitCodes.InternalError;
        }
    }

    private static bool AsksForHelpOrVersion(string[] args) =>
        args.Any(a => a is "--help" or "-h" or "-?" or "--version");

    private static RootCommand BuildRoot(CliContext context, Option<string?> namespaceOption)
    {
        var root = new RootCommand(
            "PolicyLint: what your Kubernetes NetworkPolicies really allow. " +
            "Reports reachability, answers can-reach, lints manifests and diffs changes.");
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Subcommands.Add(command);
        }

        // The built-in --version reports the entry assembly, which is the test host under tests.
        var builtIn = root.Options.OfType<VersionOption>().ToList();
        builtIn.ForEach(o => root.Options.Remove(o));
        var version = new Option<bool>("--version") { Description = "Print the version and exit." };
        root.Options.Add(version);
        root.Options.Add(namespaceOption);
        root.SetAction(parse =>
        {
            if (parse.GetValue(version))
            {
                context.Out.WriteLine(VersionLine);
                return ExitCodes.Success;
            }
            context.Error.WriteLine("policylint: a command is required. Run 'policylint --help' for usage.");
            return ExitCodes.BadInput;
        });
        return root;
    }
}
