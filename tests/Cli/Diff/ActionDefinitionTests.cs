using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PolicyLint.Cli.Tests.Diff;

/// <summary>
/// action.yml at the repository root must stay a composite action whose PolicyLint invocations
/// the CLI accepts: every <c>"$POLICYLINT" COMMAND ARGS</c> line (the native binary the action
/// builds or restores from the cache) is parsed by the real command tree, so a renamed command, option or format fails here instead of in users' workflows.
/// </summary>
public class ActionDefinitionTests
{
    private static readonly YamlMappingNode Action = Load();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "action.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)node[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IReadOnlyList<YamlMappingNode> Steps() =>
        [.. ((YamlSequenceNode)Map(Action, "runs")[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>()];

    private static YamlMappingNode StepUsing(string action) =>
        Assert.Single(Steps(), s => Scalar(s, "uses")?.StartsWith(action + "@", StringComparison.Ordinal) == true);

    private const string Binary = "\"$POLICYLINT\" ";

    /// <summary>Every PolicyLint invocation in the run scripts: the arguments after the binary.</summary>
    private static IReadOnlyList<string[]> Invocations() =>
    [
        .. Steps()
            .Select(s => Scalar(s, "run"))
            .OfType<string>()
            .SelectMany(script => script.Split('\n'))
            .Where(line => line.Contains(Binary, StringComparison.Ordinal))
            .Select(line => ShellWords(line[(line.IndexOf(Binary, StringComparison.Ordinal) + Binary.Length)..])),
    ];

    /// <summary>Splits on blanks outside double quotes and stops at a redirection.</summary>
    private static string[] ShellWords(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in text + " ")
        {
            if (c == '"') quoted = !quoted;
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
            }
            else word.Append(c);
        }
        var end = words.FindIndex(w => w.StartsWith('>'));
        return [.. end < 0 ? words : words.Take(end)];
    }

    /// <summary>Shell expansions replaced by values a user could pass through the inputs.</summary>
    private static string[] Concrete(string[] words) =>
    [
        .. words.Select((w, i) => !w.Contains('$') ? w : (i > 0 ? words[i - 1] : "") switch
        {
            "--profile" => "netpol-analyzer",
            "--fail-on" => "warning",
            "--git-base" => "origin/main",
            "-o" => "out.md",
            _ => "manifests",
        }),
    ];

    private static string? FormatOf(string[] words)
    {
        var index = Array.IndexOf(words, "--format");
        return index >= 0 ? words[index + 1] : null;
    }

    [Fact]
    public void It_is_a_composite_action_with_the_documented_inputs()
    {
        Assert.Equal("composite", Scalar(Map(Action, "runs"), "using"));
        var inputs = Map(Action, "inputs").Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        Assert.Equal(new HashSet<string?> { "paths", "fail-on", "profile", "comment", "working-directory" }, inputs);
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "github-action.md"));
        Assert.All(inputs, input => Assert.Contains($"`{input}`", docs));
    }

    [Fact]
    public void Every_policylint_invocation_parses_with_the_real_command_line()
    {
        var invocations = Invocations();
        Assert.NotEmpty(invocations);
        foreach (var words in invocations)
        {
            var root = new RootCommand();
            var context = new CliContext(TextReader.Null, TextWriter.Null, TextWriter.Null, false, RepositoryRoot.Path);
            foreach (var command in CommandCatalog.Create(context)) root.Subcommands.Add(command);
            var parse = root.Parse(Concrete(words));
            Assert.True(parse.Errors.Count == 0, $"{string.Join(' ', words)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }
    }

    [Fact]
    public void It_lints_to_sarif_and_github_annotations_and_diffs_against_the_base_branch_in_markdown()
    {
        var used = Invocations().Select(w => $"{w[0]} {FormatOf(w)}").ToHashSet();
        Assert.Equal(new HashSet<string> { "lint sarif", "lint github", "diff md" }, used);
        var diff = Assert.Single(Invocations(), w => w[0] == "diff");
        Assert.Equal("origin/$POLICYLINT_BASE_REF", diff[Array.IndexOf(diff, "--git-base") + 1]);
        Assert.Contains("--exit-zero", diff);
        Assert.All(Invocations(), w => Assert.Contains("--profile", w));
        Assert.Single(Invocations(), w => w.Contains("--fail-on") && w[Array.IndexOf(w, "--fail-on") + 1] == "$POLICYLINT_FAIL_ON");
    }

    [Fact]
    public void The_steps_set_up_dotnet_10_and_libz3_and_build_from_the_actions_own_checkout()
    {
        Assert.StartsWith("10.", Scalar(Map(StepUsing("actions/setup-dotnet"), "with"), "dotnet-version"));
        Assert.Contains(Steps(), s => Scalar(s, "run") is { } run && Regex.IsMatch(run, @"apt-get install .*\blibz3-4\b"));
        Assert.All(
            Steps().Select(s => Scalar(s, "run")).OfType<string>().SelectMany(r => r.Split('\n')).Where(l => l.Contains("dotnet ")),
            line => Assert.Contains("\"${{ github.action_path }}/src/Cli\"", line));
    }

    [Fact]
    public void The_native_binary_is_published_once_per_source_version_and_kept_in_the_cache()
    {
        var cache = StepUsing("actions/cache");
        var path = Scalar(Map(cache, "with"), "path")!;
        Assert.Contains("steps.source.outputs.hash", Scalar(Map(cache, "with"), "key"));
        var publish = Assert.Single(Steps(), s => Scalar(s, "run")?.Contains("dotnet publish", StringComparison.Ordinal) == true);
        Assert.Equal("steps.cache.outputs.cache-hit != 'true'", Scalar(publish, "if"));
        Assert.Equal("steps.cache.outputs.cache-hit != 'true'", Scalar(StepUsing("actions/setup-dotnet"), "if"));
        Assert.Contains($"-o {path}", Scalar(publish, "run"));
        Assert.Contains(Steps(), s => Scalar(s, "run")?.Contains($"POLICYLINT={path.Replace("~", "$HOME")}/policylint", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(Steps(), s => Scalar(s, "run")?.Contains("dotnet run", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Sarif_is_uploaded_and_one_pr_comment_is_kept_by_its_hidden_marker()
    {
        Assert.Equal("${{ runner.temp }}/policylint.sarif", Scalar(Map(StepUsing("github/codeql-action/upload-sarif"), "with"), "sarif_file"));
        var script = Scalar(Map(StepUsing("actions/github-script"), "with"), "script")!;
        Assert.Contains("<!-- policylint-diff -->", script);
        Assert.Contains("updateComment", script);
        Assert.Contains("createComment", script);
        var comment = StepUsing("actions/github-script");
        Assert.Equal("steps.diff.outcome == 'success'", Scalar(comment, "if"));
        var diffStep = Assert.Single(Steps(), s => Scalar(s, "id") == "diff");
        Assert.Contains("github.event_name == 'pull_request'", Scalar(diffStep, "if"));
        Assert.Contains("inputs.comment == 'true'", Scalar(diffStep, "if"));
    }

    [Fact]
    public void The_comment_step_only_updates_a_comment_the_tokens_own_identity_wrote()
    {
        // Anyone can post a comment holding the marker; updating it would put our diff under
        // their name. The find must check the author against the token's identity.
        var script = Scalar(Map(StepUsing("actions/github-script"), "with"), "script")!;
        var find = Assert.Single(script.Split('\n'), line => line.Contains("comments.find(", StringComparison.Ordinal));
        Assert.Contains("c.user.login === self", find);
        Assert.Contains("getAuthenticated", script);
        Assert.Contains("'github-actions[bot]'", script);
    }
}
