using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks;

/// <summary>
/// The harness's own small argument syntax:
/// <c>generate --size S|M|L [--seed N] [--dump] --out DIR</c> or <c>[redundancy] [--size S|M|L]... [--runs N] [--seed N]</c>.
/// Budget bounds any single call of a measured phase; a phase that runs longer stops the run.
/// --one-size is how the harness runs itself once per size, in a fresh process.
/// </summary>
internal sealed record CommandLine(bool Generate, bool Render, IReadOnlyList<SizeProfile> Sizes, ulong Seed, int Runs, string? Out, string? Results, TimeSpan Budget, bool OneSize = false, bool Redundancy = false, bool Paths = false, bool Dump = false, bool Diff = false, bool SkipLint = false, bool Calico = false)
{
    public const string Usage =
        "usage: PolicyLint.Benchmarks generate --size S|M|L [--seed N] [--dump] --out DIR   (--dump: one kubectl-dump-shaped List, a namespace per size namespace)\n" +
        "       PolicyLint.Benchmarks --size S|M|L [--size ...] [--runs N] [--seed N] [--budget SECONDS] [--results FILE] [--skip-lint]\n" +
        "       PolicyLint.Benchmarks render [--seed N] [--results FILE]   (rewrite RESULTS.md from the saved figures)\n" +
        "       PolicyLint.Benchmarks render --redundancy [--seed N] [--results FILE]   (rewrite REDUNDANCY.md from the saved figures)\n" +
        "       PolicyLint.Benchmarks paths --size S|M|L [--size ...] [--runs N] [--seed N] [--budget SECONDS] [--results FILE]   (attack paths, a section of bench/RESULTS.md)\n" +
        "       PolicyLint.Benchmarks render --paths [--seed N] [--results FILE]\n" +
        "       PolicyLint.Benchmarks calico [--runs N] [--seed N] [--budget SECONDS] [--results FILE]   (report on M and on M with Calico policies, a section of bench/RESULTS.md)\n" +
        "       PolicyLint.Benchmarks diff --size M [--size ...] [--runs N] [--seed N] [--budget SECONDS] [--results FILE]   (diff's solver check, changed scopes against whole clusters, a section of bench/REDUNDANCY.md)\n" +
        "       PolicyLint.Benchmarks render --diff [--seed N] [--results FILE]\n" +
        "       PolicyLint.Benchmarks redundancy --size R100|R1000 [--size ...] [--runs N] [--seed N] [--budget SECONDS] [--results FILE]   (SMT redundancy checks, bench/REDUNDANCY.md)";

    public static CommandLine Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var generate = args.Count > 0 && args[0] == "generate";
        var render = args.Count > 0 && args[0] == "render";
        var redundancy = args.Count > 0 && args[0] == "redundancy";
        var paths = args.Count > 0 && args[0] == "paths";
        var calico = args.Count > 0 && args[0] == "calico";
        var diff = args.Count > 0 && args[0] == "diff";
        var sizes = new List<SizeProfile>();
        ulong seed = 1;
        var runs = 5;
        var budgetSeconds = 600;
        var oneSize = false;
        var dump = false;
        var skipLint = false;
        string? output = null, results = null;
        for (var i = generate || render || redundancy || paths || diff || calico ? 1 : 0; i < args.Count && error is null; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--size" when value is not null && SizeProfile.Find(value) is { } size: sizes.Add(size); i++; break;
                case "--seed" when ulong.TryParse(value, out seed): i++; break;
                case "--runs" when int.TryParse(value, out runs) && runs > 0: i++; break;
                case "--out" when value is not null: output = value; i++; break;
                case "--results" when value is not null: results = value; i++; break;
                case "--budget" when int.TryParse(value, out budgetSeconds) && budgetSeconds > 0: i++; break;
                case "--one-size": oneSize = true; break;
                case "--redundancy" when render: redundancy = true; break;
                case "--paths" when render: paths = true; break;
                case "--diff" when render: diff = true; break;
                case "--dump" when generate: dump = true; break;
                case "--skip-lint" when !generate && !render && !diff: skipLint = true; break;
                default: error = $"unexpected argument '{args[i]}'" + (value is null ? "" : $" (or its value '{value}')"); break;
            }
        }
        if (error is null && sizes.Count == 0 && !render && !calico) error = "give at least one --size S|M|L";
        if (error is null && generate && output is null) error = "generate needs --out DIR";
        if (error is null && oneSize && sizes.Count != 1) error = "--one-size measures exactly one --size";
        return new CommandLine(generate, render, sizes, seed, runs, output, results, TimeSpan.FromSeconds(budgetSeconds), oneSize, redundancy, paths, dump, diff, skipLint, calico);
    }
}
