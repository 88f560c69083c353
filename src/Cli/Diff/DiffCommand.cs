using System.CommandLine;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Output.Escaping;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Diff;

/// <summary>
/// <c>policylint diff BASE HEAD</c> or <c>policylint diff --git-base REV [PATH...]</c>: what a
/// change does to connectivity. Exit 1 when connectivity changed (unless --exit-zero), 0 when
/// not, 2 for bad input on either side (reported on stderr first) or bad usage.
/// Both sides are linted with the same configuration (--config, else the one found from HEAD,
/// or from the first PATH), so findings differ only because the manifests do.
/// </summary>
public static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "BASE and HEAD (files or directories) to compare; with --git-base, the PATHs to compare " +
                          "with the same PATHs at that revision (default: the current directory).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var gitBase = new Option<string?>("--git-base")
        {
            Description = "Compare the working tree's PATHs with the same PATHs at this git revision (read with git, no checkout).",
        };
        var format = CommonOptions.Format("Output format: text, md (a pull-request comment) or json.", [.. DiffFormats.All.Select(f => f.Name)]);
        var profile = new Option<string?>("--profile") { Description = "Analysis profile: default or netpol-analyzer (overrides the configuration)." };
        profile.AcceptOnlyFromAmong(ProfileNames.Default, ProfileNames.NetpolAnalyzer);
        var exitZero = new Option<bool>("--exit-zero") { Description = "Exit 0 even when connectivity changed (bad input still exits 2)." };
        var output = CommonOptions.Output();
        var config = new Option<string?>("--config") { Description = "Lint configuration file (default: .policylint.yaml found upward from HEAD)." };
        var noSmt = new Option<bool>("--no-smt") { Description = "Skip the solver check for pods that are not in the manifests." };
        var verbose = CommonOptions.Verbose();
        var command = new Command("diff", "Compare two versions of the manifests: connections, workloads, entry points from outside and lint findings added and removed.")
        {
            paths, gitBase, format, profile, exitZero, output, config, noSmt, verbose,
        };
        command.SetAction(parse => Run(context, new DiffRequest(
            parse.GetValue(paths) ?? [],
            parse.GetValue(gitBase),
            DiffFormats.Find(parse.GetValue(format)!),
            parse.GetValue(profile) is { } name && ProfileNames.TryParse(name, out var chosen) ? chosen : null,
            parse.GetValue(exitZero),
            parse.GetValue(output),
            parse.GetValue(config),
            !parse.GetValue(noSmt),
            parse.GetValue(verbose))));
        return command;
    }

    private sealed record DiffRequest(
        string[] Paths, string? GitBase, IDiffFormatter Formatter, AnalysisProfile? Profile, bool ExitZero,
        string? Output, string? ConfigPath, bool CheckBeyondManifests, bool Verbose);

    private static int Run(CliContext context, DiffRequest request)
    {
        if (!HasSides(context, request)) return ExitCodes.BadInput;
        var headPaths = request.GitBase is null ? [request.Paths[1]] : CommonOptions.PathsOrCurrentDirectory(request.Paths);
        var configParse = ConfigLocator.Load(request.ConfigPath, headPaths, context.WorkingDirectory);
        if (configParse.Config is not { } config)
        {
            context.Error.WriteLine(TerminalText.Line(configParse.Error!.ToString()));
            return ExitCodes.BadInput;
        }
        var lintOptions = new LintOptions(config, context.WorkingDirectory, request.Profile);
        var loading = LoadOptions.For(lintOptions.EffectiveProfile, context.DefaultNamespace);
        if (!TryLoadSides(context, request, loading, out var before, out var after)) return ExitCodes.BadInput;
        var diff = Analysis.Diff(
            Side(before, lintOptions),
            Side(after, lintOptions),
            new ConnectivityDiffOptions(lintOptions.EffectiveProfile, request.CheckBeyondManifests) { ClusterDomain = config.ClusterDomain });
        if (!OutputTarget.Write(context, request.Output, writer => request.Formatter.Write(diff, writer))) return ExitCodes.BadInput;
        return diff.ConnectivityChanged && !request.ExitZero ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static DiffSide Side(LoadedCluster loaded, LintOptions options) => new(
        loaded.Cluster,
        [.. Linter.Lint(loaded.Cluster, loaded.Diagnostics, options).Active.Select(f => f.Diagnostic)]);

    /// <summary>False, with the usage error, when the paths do not name two sides.</summary>
    private static bool HasSides(CliContext context, DiffRequest request)
    {
        if (request.GitBase is not null) return true;
        if (request.Paths.Length != 2)
        {
            context.Error.WriteLine("policylint: diff needs BASE and HEAD, or --git-base REV [PATH...]. Run 'policylint diff --help' for usage.");
            return false;
        }
        if (request.Paths[0] == "-" && request.Paths[1] == "-")
        {
            context.Error.WriteLine("policylint: BASE and HEAD cannot both be standard input ('-')");
            return false;
        }
        return true;
    }

    /// <summary>Loads both sides and reports their diagnostics (base first); false on git errors or load errors.</summary>
    private static bool TryLoadSides(CliContext context, DiffRequest request, LoadOptions loading, out LoadedCluster before, out LoadedCluster after)
    {
        before = after = null!;
        if (request.GitBase is null)
        {
            before = ClusterLoader.Load([request.Paths[0]], context.In, loading);
            after = ClusterLoader.Load([request.Paths[1]], context.In, loading);
            AnalysisInput.Report(context, before, request.Verbose);
        }
        else
        {
            var paths = CommonOptions.PathsOrCurrentDirectory(request.Paths);
            var read = GitRevisionFiles.Read(context.WorkingDirectory, request.GitBase, paths);
            if (read.Error is not null)
            {
                context.Error.WriteLine($"policylint: {read.Error}");
                return false;
            }
            before = ClusterLoader.LoadTexts(read.Files, loading);
            if (!before.Diagnostics.IsEmpty) context.Error.WriteLine($"policylint: in the base (git revision {request.GitBase}):");
            AnalysisInput.Report(context, before, request.Verbose);
            after = ClusterLoader.Load(paths, context.In, loading);
            if (!before.Diagnostics.IsEmpty && !after.Diagnostics.IsEmpty) context.Error.WriteLine("policylint: in the working tree:");
        }
        AnalysisInput.Report(context, after, request.Verbose);
        return !before.HasErrors && !after.HasErrors;
    }
}
