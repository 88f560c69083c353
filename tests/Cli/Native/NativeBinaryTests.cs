namespace PolicyLint.Cli.Tests.Native;

/// <summary>
/// Every command, on the demo and on invalid input, run by the native binary and by the JIT
/// build in-process: the same exit code and byte-identical standard output and error. A rule
/// the trimmer dropped, a JSON shape that needed reflection or a solver binding that fails
/// under ahead-of-time compilation shows up here as a difference.
/// </summary>
public class NativeBinaryTests
{
    public static TheoryData<string> Commands() =>
    [
        "--version",
        "rules",
        "rules --format json",
        "report testdata/demo",
        "report testdata/demo --format json",
        "report testdata/demo --format connlist",
        "report testdata/demo --format md",
        "report testdata/demo --format csv",
        "report testdata/demo --format dot",
        "report testdata/demo --format html",
        "report testdata/demo --format svg",
        "report testdata/demo --format json --profile netpol-analyzer",
        "report testdata/demo --focus storefront/web",
        "can-reach storefront/web shop-api/orders testdata/demo --port 8080 --explain",
        "can-reach storefront/web shop-api/orders testdata/demo --port 8080 --format json",
        "can-reach storefront/webb data/postgres testdata/demo",
        "can-reach storefront/web shop-api/orders[Service] testdata/demo --port 80",
        "can-reach --any-pod team=web,env=staging;app=web shop-api/orders testdata/demo --port 8080",
        "can-reach shop-api/nightly-report redis://redis.data.svc.cluster.local testdata/demo",
        "paths {internet} data/redis testdata/demo",
        "paths {internet} data/redis testdata/demo --format json",
        "blast-radius storefront/web testdata/demo --hops 3",
        "blast-radius storefront/web testdata/demo --format json",
        "completion bash",
        "[suggest:14] lint --format ",
        "lint testdata/demo",
        "lint testdata/demo --format json",
        "lint testdata/demo --format sarif",
        "lint testdata/demo --format github",
        "lint testdata/demo --format junit",
        "lint testdata/redundancy",
        "lint testdata/invalid",
        "diff testdata/diff/ports-only/base testdata/diff/ports-only/head",
        "diff testdata/diff/opens-outside/base testdata/diff/opens-outside/head --format json",
        "diff testdata/diff/beyond-manifests/base testdata/diff/beyond-manifests/head --format md",
        "diff --git-base HEAD testdata/demo",
        "report testdata/no-such-directory",
        "lint --no-such-option",
    ];

    [NativeBinaryTheory]
    [MemberData(nameof(Commands))]
    public void The_native_binary_answers_as_the_jit_build_does(string command)
    {
        var args = command.Split(' ');

        var native = NativeBinary.Run("", args);
        var jit = CliRun.Of(args);

        Assert.Equal(jit.Out, native.Out);
        Assert.Equal(jit.Error, native.Error);
        Assert.Equal(jit.ExitCode, native.ExitCode);
    }

    [NativeBinaryTheory]
    [InlineData("report - --format json")]
    [InlineData("lint -")]
    public void The_native_binary_reads_standard_input_as_the_jit_build_does(string command)
    {
        var args = command.Split(' ');
        var manifests = string.Join("\n---\n", Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "testdata", "demo"), "*.yaml")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText));

        var native = NativeBinary.Run(manifests, args);
        var jit = CliRun.In(RepositoryRoot.Path, manifests, args);

        Assert.Equal(jit.Out, native.Out);
        Assert.Equal(jit.Error, native.Error);
        Assert.Equal(jit.ExitCode, native.ExitCode);
    }

    [NativeBinaryTheory]
    [InlineData("lint testdata/demo")]
    public void The_native_binary_finds_the_rules_problems(string command)
    {
        // The failure the written-out registry fixes: a native build without rules says nothing.
        var native = NativeBinary.Run("", command.Split(' '));

        Assert.Contains("workload-not-isolated", native.Out);
        Assert.NotEqual(0, native.ExitCode);
    }
}
