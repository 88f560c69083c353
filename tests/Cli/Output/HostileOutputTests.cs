namespace PolicyLint.Cli.Tests.Output;

/// <summary>
/// The outputs added after the escaping sinks (paths, blast-radius, can-reach with a DNS name,
/// the report's dependencies and attack surface, the diff's dependencies) on values the API
/// server accepts but an attacker writes: an env var name and an AdminNetworkPolicy rule name
/// carrying ESC sequences, a line break before <c>::error</c>, backticks, pipes, a mention, an
/// image, HTML and a bidi override. Nothing may reach stdout raw (docs/security.md).
/// </summary>
public sealed class HostileOutputTests : IDisposable
{
    private const string Hostile = @"\e[31m\n::error::pwned`|`@octocat![x](http://evil.example/x.png)<script>\u202Eevil";

    private readonly string _dir = Directory.CreateTempSubdirectory("policylint-hostile-out-").FullName;

    public HostileOutputTests()
    {
        File.WriteAllText(Path.Combine(_dir, "app.yaml"), Manifests(blocked: true));
        Directory.CreateDirectory(Path.Combine(_dir, "base"));
        Directory.CreateDirectory(Path.Combine(_dir, "head"));
        File.WriteAllText(Path.Combine(_dir, "base", "app.yaml"), Manifests(blocked: false));
        File.WriteAllText(Path.Combine(_dir, "head", "app.yaml"), Manifests(blocked: true));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>web declares a dependency on Service orders (blocked when orders is isolated) and reaches api through an ANP rule.</summary>
    private static string Manifests(bool blocked) => $$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: shop}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: c
                ports: [{containerPort: 80}]
                env:
                - name: "ORDERS_URL{{{Hostile}}}"
                  value: "http://orders.shop:8080/x"
        ---
        {{{Backend("orders", 8080)}}}
        ---
        {{{Backend("api", 9090)}}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: orders, namespace: shop}
        spec:
          selector: {app: orders}
          ports: [{port: 8080}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-in, namespace: shop}
        spec:
          podSelector: {matchExpressions: [{key: app, operator: In, values: [{{{(blocked ? "orders, api" : "api")}}}]}]}
          policyTypes: [Ingress]
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: web-to-api}
        spec:
          priority: 5
          subject:
            pods:
              namespaceSelector: {matchLabels: {team: shop}}
              podSelector: {matchLabels: {app: api}}
          ingress:
          - name: "r{{{Hostile}}}"
            action: Allow
            from:
            - pods:
                namespaceSelector: {matchLabels: {team: shop}}
                podSelector: {matchLabels: {app: web}}
        """;

    private static string Backend(string name, int port) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: shop}
        spec:
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
              containers: [{name: c, ports: [{containerPort: {{{port}}}}]}]
        """;

    private CliRun Run(params string[] args)
    {
        var run = CliRun.In(_dir, "", args);
        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Error}");
        Assert.DoesNotContain("internal error", run.Error);
        return run;
    }

    /// <summary>Every line: no invisible character, no workflow command; and the hostile value is there, escaped.</summary>
    private static void AssertTerminalSafe(string output)
    {
        var lines = output.TrimEnd('\n').Split('\n');
        foreach (var line in lines)
        {
            NastyText.AssertNoInvisible(line);
            Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal), $"workflow command: {line}");
        }
        Assert.Contains(@"\x1b[31m\n::error::pwned", output);
        Assert.Contains(@"\u202eevil", output);
    }

    /// <summary>
    /// No invisible character, no line break inside a value, and none of the hostile markup
    /// outside a code span: the mention, image, HTML and pipe are escaped where they are free text.
    /// </summary>
    private static void AssertMarkdownSafe(string output)
    {
        NastyText.AssertNoInvisible(output.Replace("\n", ""));
        Assert.DoesNotContain("\n::", output);
        foreach (var line in output.Split('\n').Where(l => l.StartsWith('|')))
        {
            // Outside code spans the value is escaped text; in both, a pipe stays in its cell.
            Assert.DoesNotContain("`|`", line);
        }
        Assert.Contains(@"x1b[31m\", output);
    }

    [Fact]
    public void Paths_text_md_and_dot_escape_a_hostile_rule_name()
    {
        var text = Run("paths", "{internet}", "shop/api", "app.yaml");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("AdminNetworkPolicy web-to-api spec.ingress[0] \"r", text.Out);
        AssertTerminalSafe(text.Out);

        var md = Run("paths", "{internet}", "shop/api", "app.yaml", "--format", "md").Out;
        AssertMarkdownSafe(md);
        Assert.Contains("@&#8203;octocat", md);
        Assert.Contains(@"![x\](", md);
        Assert.Contains("&lt;script&gt;", md);
        Assert.DoesNotContain("@octocat", md);
        Assert.DoesNotContain("<script>", md);
        var row = Assert.Single(md.Split('\n'), l => l.StartsWith("| 1 |", StringComparison.Ordinal));
        Assert.Equal(7, row.Split(" | ").Length + 1);

        var dot = Run("paths", "{internet}", "shop/api", "app.yaml", "--format", "dot").Out;
        NastyText.AssertNoInvisible(dot.Replace("\n", ""));
    }

    [Fact]
    public void Blast_radius_stays_safe_in_every_format()
    {
        foreach (var format in new[] { "text", "md", "dot" })
        {
            var run = Run("blast-radius", "shop/web", "app.yaml", "--format", format);
            Assert.Contains("shop/api[Deployment]", run.Out);
            NastyText.AssertNoInvisible(run.Out.Replace("\n", ""));
        }
    }

    [Fact]
    public void Report_text_and_md_escape_a_hostile_dependency_declaration()
    {
        var text = Run("report", "app.yaml").Out;
        Assert.Contains("dependencies (declared in the manifests)", text);
        Assert.Contains("env ORDERS_URL", text);
        AssertTerminalSafe(text);

        var md = Run("report", "app.yaml", "--format", "md").Out;
        Assert.Contains("### Dependencies", md);
        var row = Assert.Single(md.Split('\n'), l => l.Contains("env ORDERS_URL", StringComparison.Ordinal));
        // Declared at is a code span with a longer fence, its pipe escaped: five cells stay five.
        Assert.Contains(@"`` container c, env ORDERS_URL\x1b[31m\n::error::pwned`\|`", row);
        Assert.Equal(6, row.Split(" | ").Length + 1);
        AssertMarkdownSafe(md);
    }

    [Fact]
    public void Can_reach_with_a_name_escapes_the_declaration_it_quotes()
    {
        var run = Run("can-reach", "shop/web", "http://orders.shop:8080/x\u001b]0;pwned\u0007\u202Eevil", "app.yaml", "--explain");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("no: shop/web[Deployment] => http://orders.shop:8080/x\\x1b]0;pwned\\x07\\u202eevil: Service shop/orders", run.Out);
        foreach (var line in run.Out.TrimEnd('\n').Split('\n'))
        {
            NastyText.AssertNoInvisible(line);
            Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal), line);
        }
    }

    [Fact]
    public void Diff_text_and_md_escape_a_broken_hostile_dependency()
    {
        var text = Run("diff", "base", "head").Out;
        Assert.Contains("Declared dependencies broken:", text);
        AssertTerminalSafe(text);

        var md = Run("diff", "base", "head", "--format", "md").Out;
        Assert.Contains("### Declared dependencies broken (1)", md);
        AssertMarkdownSafe(md);
    }
}

/// <summary>render-failed quotes the renderer's stderr: on stderr and in lint text it is one escaped line.</summary>
public sealed class HostileRendererOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policylint-hostile-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_renderer_writing_escape_sequences_and_workflow_commands_is_one_escaped_render_failed_line()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        var helm = Path.Combine(bin, "helm");
        File.WriteAllText(helm, "#!/bin/sh\nprintf 'Error: \\033[31mred\\033]0;title\\007\\r\\n::error file=x::pwned\\n##[warning]w\\n' >&2\nexit 1\n");
        File.SetUnixFileMode(helm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var chart = Directory.CreateDirectory(Path.Combine(_dir, "chart")).FullName;
        File.WriteAllText(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");

        foreach (var args in new[] { new[] { "lint", "chart" }, ["report", "chart"] })
        {
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = _dir;
            try
            {
                CliApp.Run(args, new CliContext(new StringReader(""), output, error, IsTerminal: false, _dir) { SearchPath = bin });
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
            var text = output + "" + error;
            var line = Assert.Single(text.Split('\n'), l => l.Contains("render-failed", StringComparison.Ordinal) || l.Contains("failed (exit 1)", StringComparison.Ordinal));
            Assert.Contains(@"Error: \x1b[31mred\x1b]0;title\x07", line);
            Assert.Contains("::error file=x::pwned ##[warning]w", line);
            foreach (var each in text.TrimEnd('\n').Split('\n'))
            {
                NastyText.AssertNoInvisible(each);
                Assert.False(each.TrimStart().StartsWith("::", StringComparison.Ordinal) || each.TrimStart().StartsWith("##[", StringComparison.Ordinal), each);
            }
        }
    }
}
