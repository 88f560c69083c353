namespace PolicyLint.Analyzer.Model;

/// <summary>
/// The API server's checks on object names and namespaces (apimachinery's validation, as
/// "Object Names and IDs" in the Kubernetes documentation describes it): a namespace, and the
/// name of a Namespace, is an RFC 1123 label ("at most 63 characters, only lowercase
/// alphanumeric characters or '-', start and end with an alphanumeric character"); a Service's
/// name is an RFC 1035 label (the same, but starting with a letter); every other kind's name is
/// an RFC 1123 subdomain ("no more than 253 characters, only lowercase alphanumeric characters,
/// '-' or '.', start and end with an alphanumeric character"). Each check returns null when
/// valid, else what is expected.
/// </summary>
public static class NameSyntax
{
    public const int MaxLength = 253;

    public static string? CheckName(string kind, string name) => kind switch
    {
        "Namespace" => CheckLabel(name),
        "Service" => LabelSyntax.IsDnsLabel(name) && char.IsAsciiLetterLower(name[0])
            ? null
            : "a Service name must be an RFC 1035 label: at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
        _ => name.Length <= MaxLength && LabelSyntax.IsDnsSubdomain(name)
            ? null
            : "a name must be an RFC 1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
    };

    public static string? CheckNamespace(string ns) => CheckLabel(ns);

    private static string? CheckLabel(string text) => LabelSyntax.IsDnsLabel(text)
        ? null
        : "a namespace must be an RFC 1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit";
}
