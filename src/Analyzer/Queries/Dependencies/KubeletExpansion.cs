using System.Text;

namespace PolicyLint.Analyzer.Queries.Dependencies;

/// <summary>
/// The kubelet's <c>$(VAR)</c> expansion of env values, command and args: a reference to a
/// variable the mapping knows is replaced by its value; <c>$$</c> is an escaped <c>$</c>; a
/// reference to an unknown variable, or one never closed, is kept as written.
/// Kubernetes, "Define dependent environment variables": "If a variable cannot be resolved, the
/// reference in the input string will be unchanged." and "Double $$ are reduced to a single $,
/// which allows for escaping the $(VAR_NAME) syntax".
/// </summary>
public static class KubeletExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$')) return input;
        var output = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c != '$' || i + 1 >= input.Length)
            {
                output.Append(c);
                i++;
                continue;
            }
            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i += 2;
                continue;
            }
            if (next == '(' && input.IndexOf(')', i + 2) is var close and > 0)
            {
                var name = input[(i + 2)..close];
                output.Append(lookup(name) ?? input[i..(close + 1)]);
                i = close + 1;
                continue;
            }
            output.Append(c);
            i++;
        }
        return output.ToString();
    }
}
