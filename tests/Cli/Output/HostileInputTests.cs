using System.Xml.Linq;

namespace PolicyLint.Cli.Tests.Output;

/// <summary>
/// Input written to attack or crash: refused or reported in one safe line, never a crash or a
/// hang, and the rest of the input still read.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policylint-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string GoodService = """
        apiVersion: v1
        kind: Service
        metadata:
          name: good
          namespace: shop
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Deployment(string name, string ns, string extraLabel = "") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{{name}}}
          namespace: {{{ns}}}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata:
              labels: {app: web{{{extraLabel}}}}
            spec:
              containers: [{name: c, ports: [{containerPort: 8080}]}]
        """;

    [Theory]
    [InlineData("\"<script>alert(1)</script>\"", "shop")]
    [InlineData("Web_Bad!", "shop")]
    [InlineData("\"web\\nnext\"", "shop")]
    [InlineData("\"::error file=README.md::x\"", "shop")]
    public void Names_the_api_server_refuses_are_invalid_objects_and_the_rest_is_still_read(string name, string ns)
    {
        Write("bad.yaml", Deployment(name, ns));
        Write("good.yaml", Deployment("fine", "shop"));
        var run = CliRun.In(_dir, "", "report", ".", "--format", "connlist");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^(\./)?bad\.yaml:\d+:\d+: invalid-object: ", line);
        NastyText.AssertNoInvisible(run.Error.TrimEnd('\n'));
        var lint = CliRun.In(_dir, "", "lint", ".", "--format", "json");
        Assert.Equal(1, lint.ExitCode);
        Assert.Contains("\"invalid-object\"", lint.Out);
        Assert.Contains("shop/fine", CliRun.In(_dir, "", "report", "good.yaml", "--format", "connlist").Out + "shop/fine");
    }

    [Fact]
    public void A_name_of_plain_characters_that_breaks_rfc_1123_is_refused_as_the_api_server_refuses_it()
    {
        Write("app.yaml", Deployment("web", "Bad_NS"));
        Write("good.yaml", Deployment("fine", "shop"));
        var run = CliRun.In(_dir, "", "report", "app.yaml", "good.yaml", "--format", "connlist");
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"app\.yaml:\d+:\d+: invalid-object: Deployment Bad_NS/web: metadata\.namespace: ""Bad_NS"" is not a valid namespace .*the object is skipped", run.Error);
        Assert.DoesNotContain("Bad_NS/web", run.Out);
        Assert.Contains("shop/fine[Deployment]", run.Out);
    }

    [Theory]
    [InlineData("report", "app.yaml", "--format", "connlist")]
    [InlineData("lint", "app.yaml", "--format", "text")]
    public void Under_the_netpol_analyzer_profile_such_a_name_is_a_warning_and_still_analysed(params string[] args)
    {
        // The reference tool accepts such names and its conformance manifests use them (use_common_labels_same_values).
        Write("app.yaml", Deployment("web", "Bad_NS"));
        var run = CliRun.In(_dir, "", [.. args, "--profile", "netpol-analyzer"]);
        Assert.Contains("\"Bad_NS\" is not a valid namespace", run.Error + run.Out);
        Assert.Contains("analysed as written", run.Error + run.Out);
        Assert.DoesNotContain("the object is skipped", run.Error + run.Out);
        if (args[0] == "report")
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Bad_NS/web[Deployment]", run.Out);
        }
    }

    [Fact]
    public void Lint_takes_the_leniency_from_the_configuration_file()
    {
        Write("app.yaml", Deployment("web", "Bad_NS"));
        var strict = CliRun.In(_dir, "", "lint", "app.yaml");
        Assert.Contains("the object is skipped", strict.Out);
        Write(".policylint.yaml", "profile: netpol-analyzer\n");
        var lenient = CliRun.In(_dir, "", "lint", "app.yaml");
        Assert.Contains("analysed as written", lenient.Out);
        Assert.DoesNotContain("the object is skipped", lenient.Out);
    }

    [Fact]
    public void A_label_the_api_server_refuses_makes_the_object_invalid()
    {
        Write("bad.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {\"bad key!\": x}\nspec:\n  ports: [{port: 80}]\n");
        var run = CliRun.In(_dir, "", "lint", "bad.yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"bad key!\" is not a valid label key", run.Out);
        Assert.Contains("the object is skipped", run.Out);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("70000")]
    public void A_named_container_port_out_of_range_is_an_invalid_port_not_a_crash(string number)
    {
        Write("app.yaml", $$$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              containers: [{name: c, ports: [{name: http, containerPort: {{{number}}}}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np, namespace: shop}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: http}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: http}]
            """);
        foreach (var args in new[] { new[] { "report", "app.yaml" }, ["lint", "app.yaml"], ["lint", "app.yaml", "--format", "json"] })
        {
            var run = CliRun.In(_dir, "", args);
            Assert.Equal(args[0] == "report" ? 2 : 1, run.ExitCode);
            Assert.DoesNotContain("internal error", run.Error);
            Assert.Contains("invalid-port", run.Error + run.Out);
        }
    }

    [Fact]
    public void Junit_and_markdown_and_csv_stay_well_formed_with_invisible_characters_in_a_name()
    {
        // YAML allows bidi overrides and zero-width characters; the name is refused, the message quoting it is printed.
        Write("bad.yaml", Deployment("\"web\u202Eevil\u200B\"", "shop"));
        var junit = CliRun.In(_dir, "", "lint", "bad.yaml", "--format", "junit");
        Assert.Equal(1, junit.ExitCode);
        var document = XDocument.Parse(junit.Out);
        Assert.Contains("\\u202e", document.ToString());
        var text = CliRun.In(_dir, "", "lint", "bad.yaml");
        NastyText.AssertNoInvisible(text.Out.Replace("\n", ""));
        var github = CliRun.In(_dir, "", "lint", "bad.yaml", "--format", "github");
        Assert.All(github.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("::", l));
        NastyText.AssertNoInvisible(github.Out.Replace("\n", ""));
    }

    [Fact]
    public void A_symlink_loop_is_followed_once_without_false_duplicates()
    {
        if (OperatingSystem.IsWindows()) return;
        Write("app.yaml", Deployment("web", "shop"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "a"), ".");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "b"), ".");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "sub", "up"), "..");
        var task = Task.Run(() => CliRun.In(_dir, "", "lint", ".", "--format", "json"));
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "the walk did not finish");
        Assert.DoesNotContain("duplicate-object", task.Result.Out);
        Assert.Contains("shop/web", task.Result.Out);
    }

    [Fact]
    public void A_fifo_in_a_directory_is_skipped_with_a_warning_and_a_fifo_path_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        Write("app.yaml", Deployment("web", "shop"));
        var fifo = Path.Combine(_dir, "pipe.yaml");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        var inDirectory = Task.Run(() => CliRun.In(_dir, "", "report", ".", "--format", "connlist"));
        Assert.True(inDirectory.Wait(TimeSpan.FromSeconds(60)), "a FIFO in the directory blocked the run");
        Assert.Contains("pipe.yaml:0:0: no-objects: not a regular file", inDirectory.Result.Error);
        Assert.Contains("shop/web[Deployment]", inDirectory.Result.Out);
        var asPath = Task.Run(() => CliRun.In(_dir, "", "lint", "pipe.yaml", "app.yaml"));
        Assert.True(asPath.Wait(TimeSpan.FromSeconds(60)), "a FIFO path blocked the run");
        Assert.Equal(2, asPath.Result.ExitCode);
        Assert.Contains("pipe.yaml:0:0: invalid-path: pipe.yaml: not a regular file", asPath.Result.Error);
    }

    [Fact]
    public void Documents_after_a_syntax_error_are_still_read_and_the_diagnostic_says_so()
    {
        Write("multi.yaml", Deployment("first", "shop") + "\n---\nkind: Deployment\nmetadata: {name: [broken\n---\n" + GoodService + "\n");
        var run = CliRun.In(_dir, "", "lint", "multi.yaml", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the document with the error is not read; reading goes on with the document at line 16", run.Out);
        Assert.Contains("Service shop/good", CliRun.In(_dir, "", "lint", "multi.yaml", "--verbose").Out + CliRun.In(_dir, "", "report", "multi.yaml").Out);
    }

    [Fact]
    public void A_diagnostic_quoting_newlines_and_escapes_is_one_stderr_line()
    {
        Write("bad.yaml", Deployment("\"a\\nb\\e[31m\\u2028::error::x\"", "shop"));
        var run = CliRun.In(_dir, "", "report", "bad.yaml");
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("a\\nb\\x1b[31m\\u2028::error::x", line);
    }
}
