using System.Collections.Immutable;
using System.CommandLine;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Manifests.Repository;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Cli.Lint.Formats;
using PolicyLint.Cli.Output.Escaping;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Lint;

/// <summary>
/// <c>policylint lint [PATH...] [--format F] [--config FILE] [--fail-on S] [--profile P] [--verbose]</c>.
/// Exit codes: 0 clean (below --fail-on), 1 a finding at or above --fail-on (invalid manifests
/// included: they are error findings), 2 when the input cannot be read at all (a PATH that does
/// not exist), the configuration is broken, or the usage is wrong.
/// </summary>
public static class LintCommand
{
    public static Command Create(CliContext context) => Create(context, null);

    /// <param name="load">Reads the input; null: the manifests, with charts and kustomize roots rendered by the renderers on the context's PATH.</param>
    internal static Command Create(CliContext context, LintInputLoader? load)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or directories to read (.yaml, .yml, .json, recursively); '-' reads stdin. Default: the current directory.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text, json, sarif, github or junit.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong([.. LintFormats.Names]);
        var config = new Option<string?>("--config")
        {
            Description = "Configuration file (default: .policylint.yaml found upward from the first PATH).",
            HelpName = "FILE",
        };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when a finding has this severity or higher: error, warning, info or never.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong("error", "warning", "info", "never");
        var profile = new Option<string?>("--profile") { Description = "Analysis profile: default or netpol-analyzer (overrides the configuration)." };
        profile.AcceptOnlyFromAmong(ProfileNames.Default, ProfileNames.NetpolAnalyzer);
        var verbose = new Option<bool>("--verbose") { Description = "Also show suppressed findings (text) and what was read on stderr." };
        var solverBudget = new Option<double>("--solver-budget")
        {
            Description = "Seconds the solver may spend on one check of a lint question (default 10); a question over it is counted as unfinished in the summary.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => SolverBudget.DefaultPerCheck.TotalSeconds,
        };
        solverBudget.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 86400)) result.AddError("--solver-budget must be a number of seconds above 0 (at most 86400).");
        });
        var solverTotal = new Option<double>("--solver-total")
        {
            Description = "Seconds all the solver's lint questions together may take (default 120); the questions left are counted as unfinished in the summary.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => SolverBudget.DefaultTotal.TotalSeconds,
        };
        solverTotal.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 86400)) result.AddError("--solver-total must be a number of seconds above 0 (at most 86400).");
        });
        var helmValues = RepositoryInput.HelmValues();

        var command = new Command("lint", "Check manifests against the rule catalog and report findings.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(config);
        command.Options.Add(failOn);
        command.Options.Add(profile);
        command.Options.Add(verbose);
        command.Options.Add(solverBudget);
        command.Options.Add(solverTotal);
        command.Options.Add(helmValues);
        command.SetAction(parse => Run(context, load ?? LoadManifests(context, parse.GetValue(helmValues)), new LintRequest(
            parse.GetValue(paths) is { Length: > 0 } given ? given : ["."],
            parse.GetValue(format)!,
            parse.GetValue(config),
            FailOn(parse.GetValue(failOn)!),
            parse.GetValue(profile) is { } name && ProfileNames.TryParse(name, out var chosen) ? chosen : null,
            parse.GetValue(verbose),
            TimeSpan.FromSeconds(parse.GetValue(solverBudget)),
            TimeSpan.FromSeconds(parse.GetValue(solverTotal)))));
        return command;
    }

    private sealed record LintRequest(
        IReadOnlyList<string> Paths, string Format, string? ConfigPath, Severity? FailOn, AnalysisProfile? Profile, bool Verbose, TimeSpan SolverBudget, TimeSpan SolverTotal);

    private static int Run(CliContext context, LintInputLoader load, LintRequest request)
    {
        var configParse = ConfigLocator.Load(request.ConfigPath, request.Paths, context.WorkingDirectory);
        if (configParse.Config is not { } config)
        {
            context.Error.WriteLine(TerminalText.Line(configParse.Error!.ToString()));
            return ExitCodes.BadInput;
        }
        if (request.Verbose)
        {
            context.Error.WriteLine(config.Path is null ? "policylint: no configuration file, using defaults" : $"policylint: configuration {config.Path}");
        }

        var stdinText = request.Paths.Contains("-") ? context.In.ReadToEnd() : null;
        var options = new LintOptions(config, context.WorkingDirectory, request.Profile, SolverBudget: request.SolverBudget, SolverTotal: request.SolverTotal);
        var input = load(request.Paths, new StringReader(stdinText ?? ""), options.EffectiveProfile);
        var unreadable = input.Diagnostics.Where(d => d.RuleId == RuleIds.InvalidPath).ToList();
        if (unreadable.Count > 0)
        {
            foreach (var diagnostic in unreadable) context.Error.WriteLine(TerminalText.Line(diagnostic.ToString()));
            return ExitCodes.BadInput;
        }

        var result = Linter.Lint(input.Cluster, input.Diagnostics, options);
        if (request.Verbose)
        {
            context.Error.WriteLine($"policylint: read {input.Files.Length} file(s), {input.Cluster.Objects.Count()} object(s); profile {options.EffectiveProfile.ToId()}");
        }

        using var sources = new SourceLines(context.WorkingDirectory, stdinText);
        var report = new LintReport(
            result,
            input.Cluster,
            input.Files,
            new RepositoryPaths(context.WorkingDirectory),
            sources,
            request.FailOn,
            Colour: context.IsTerminal && request.Format == "text",
            request.Verbose);
        LintFormats.All[request.Format].Write(report, context.Out);
        return result.Fails(request.FailOn) ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static Severity? FailOn(string value) =>
        SeverityNames.TryParse(value, out var severity) ? severity : null;

    private static LintInputLoader LoadManifests(CliContext context, string[]? helmValues) => (paths, stdin, profile) =>
    {
        var loaded = ClusterLoader.Load(paths, stdin, AnalysisInput.Options(context, profile, helmValues));
        return new LintInput(loaded.Cluster, loaded.Diagnostics, loaded.Files);
    };
}
