using System.CommandLine;

namespace PolicyLint.Cli;

/// <summary>Arguments and options that several commands share, spelled the same everywhere.</summary>
public static class CommonOptions
{
    public static Argument<string[]> Paths(string description =
        "Files or directories to read (.yaml, .yml, .json, recursively), or - for stdin. Default: the current directory.") =>
        new("PATH") { Description = description, Arity = ArgumentArity.ZeroOrMore };

    public static Option<string> Profile() => new("--profile")
    {
        Description = "Where Kubernetes leaves behaviour to the network plugin: 'default' (upstream conformance: " +
                      "ipBlocks match pods with known IPs) or 'netpol-analyzer' (ipBlocks never match pods).",
        DefaultValueFactory = _ => "default",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Also list the kinds that were read but are not modelled.",
    };

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Write to this file instead of standard output.",
    };

    public static Option<string> Format(string description, params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = description,
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>Parses --profile; false, with the message on stderr, for a name that is not a profile.</summary>
    public static bool TryParseProfile(CliContext context, string text, out AnalysisProfile profile)
    {
        if (ProfileNames.TryParse(text, out profile)) return true;
        context.Error.WriteLine($"policylint: {ProfileNames.Unknown(text)}");
        return false;
    }

    /// <summary>Checks --port; false, with the message on stderr, when it is not a port number.</summary>
    public static bool CheckPort(CliContext context, int? port)
    {
        if (port is not { } p || p is >= 1 and <= 65535) return true;
        context.Error.WriteLine($"policylint: --port {p} is not a port number (1-65535)");
        return false;
    }

    /// <summary>The paths to read: as given, or the current directory.</summary>
    public static IReadOnlyList<string> PathsOrCurrentDirectory(string[]? paths) =>
        paths is { Length: > 0 } ? paths : ["."];
}
