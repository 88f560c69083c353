using System.CommandLine;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Cli;

/// <summary>
/// The global <c>--namespace NS</c> (<c>-n</c>): objects without metadata.namespace are read as
/// in NS, as <c>kubectl apply -n NS</c> puts them (installers such as argo-cd's install.yaml name
/// no namespace). Objects that name their namespace keep it.
/// </summary>
public static class NamespaceOption
{
    public static Option<string?> Create() => new("--namespace", "-n")
    {
        Description = "Namespace of the objects that name none (as kubectl apply -n). Default: default.",
        Recursive = true,
    };

    /// <summary>The context with the namespace asked for, or the problem with it (a namespace name is a DNS label).</summary>
    public static (CliContext Context, string? Problem) Apply(CliContext context, string? name)
    {
        if (name is null) return (context, null);
        if (!LabelSyntax.IsDnsLabel(name))
        {
            return (context, $"--namespace: '{name}' is not a valid namespace name (lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)");
        }
        return (context with { DefaultNamespace = name }, null);
    }
}
