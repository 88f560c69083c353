using System.CommandLine;
using System.Text.Json;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Cli.Json;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Lint;

/// <summary>
/// <c>policylint rules [ID] [--format text|json]</c>: the rule catalog. Without ID a table of
/// every rule; with ID the rule's full description, how to fix it and its documentation page.
/// </summary>
public static class RulesCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string?>("ID") { Description = "Show one rule in full.", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("rules", "List the lint rules with their ids, severities and documentation.");
        command.Arguments.Add(id);
        command.Options.Add(format);
        command.SetAction(parse => Run(context, parse.GetValue(id), parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string? id, string format)
    {
        var rules = RuleRegistry.Descriptors;
        if (id is not null)
        {
            var rule = RuleRegistry.Find(id);
            if (rule is null)
            {
                context.Error.WriteLine($"policylint: unknown rule id '{id}'. Run 'policylint rules' for the list.");
                return ExitCodes.BadInput;
            }
            rules = [rule];
        }
        if (format == "json") WriteJson(context.Out, rules);
        else if (id is not null) WriteDetail(context.Out, rules[0]);
        else WriteTable(context.Out, rules);
        return ExitCodes.Success;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<RuleDescriptor> rules)
    {
        var idWidth = rules.Max(r => r.Id.Length);
        output.WriteLine($"{"ID".PadRight(idWidth)}  SEVERITY  TITLE");
        foreach (var rule in rules)
        {
            output.WriteLine($"{rule.Id.PadRight(idWidth)}  {rule.DefaultSeverity.ToId(),-8}  {rule.Title}");
        }
        output.WriteLine();
        output.WriteLine("Run 'policylint rules ID' for a rule's description; documentation: docs/rules/ID.md");
    }

    private static void WriteDetail(TextWriter output, RuleDescriptor rule)
    {
        output.WriteLine($"{rule.Id} ({rule.DefaultSeverity.ToId()}): {rule.Title}");
        output.WriteLine();
        output.WriteLine(rule.FullDescription);
        output.WriteLine();
        output.WriteLine($"How to fix: {rule.HowToFix}");
        output.WriteLine();
        output.WriteLine($"Category: {rule.Category}; tags: {string.Join(", ", rule.Tags)}");
        output.WriteLine($"Documentation: {rule.HelpPath} ({rule.HelpUri})");
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<RuleDescriptor> rules)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteString("severity", rule.DefaultSeverity.ToId());
                json.WriteString("title", rule.Title);
                json.WriteString("category", rule.Category);
                json.WriteString("description", rule.FullDescription);
                json.WriteString("howToFix", rule.HowToFix);
                json.WriteStartArray("tags");
                foreach (var tag in rule.Tags) json.WriteStringValue(tag);
                json.WriteEndArray();
                json.WriteNumber("securitySeverity", rule.SecuritySeverity);
                json.WriteString("documentation", rule.HelpPath);
                json.WriteString("helpUri", rule.HelpUri);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
