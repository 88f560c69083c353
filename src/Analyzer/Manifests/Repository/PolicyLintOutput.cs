using System.Text.RegularExpressions;

namespace PolicyLint.Analyzer.Manifests.Repository;

/// <summary>
/// Recognises a .json file PolicyLint wrote itself (<c>report -o report.json</c> or
/// <c>lint --format json &gt; lint.json</c> inside the folder it reads), so the next run does not
/// read it back as a manifest. Recognised by how each format starts: SARIF naming PolicyLint as
/// its tool; <c>{"findings": [</c> (lint) or <c>{"rules": [</c> (rules); <c>{"schemaVersion": N,
/// "profile":</c> (report, diff); <c>{"source": …, "destination":</c> (can-reach). No Kubernetes
/// object starts that way: objects start with apiVersion or kind.
/// </summary>
public static partial class PolicyLintOutput
{
    private const int PrefixLength = 4096;

    /// <summary>The format's name when the file is PolicyLint output, else null. Unreadable files are left to the reader to report.</summary>
    public static string? Recognise(string file)
    {
        if (!string.Equals(Path.GetExtension(file), ".json", StringComparison.OrdinalIgnoreCase)) return null;
        string prefix;
        try
        {
            using var reader = new StreamReader(file);
            var buffer = new char[PrefixLength];
            prefix = new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return RecogniseText(prefix);
    }

    public static string? RecogniseText(string prefix)
    {
        if (SarifStart().IsMatch(prefix) && SarifDriver().IsMatch(prefix)) return "SARIF";
        if (LintStart().Match(prefix) is { Success: true } lint) return lint.Groups[1].Value == "findings" ? "lint JSON" : "rules JSON";
        if (VersionedStart().IsMatch(prefix)) return "report or diff JSON";
        if (CanReachStart().IsMatch(prefix)) return "can-reach JSON";
        return null;
    }

    [GeneratedRegex(@"^\uFEFF?\s*\{\s*""\$schema""\s*:\s*""[^""]*sarif")]
    private static partial Regex SarifStart();

    [GeneratedRegex(@"""driver""\s*:\s*\{\s*""name""\s*:\s*""PolicyLint""")]
    private static partial Regex SarifDriver();

    [GeneratedRegex(@"^\uFEFF?\s*\{\s*""(findings|rules)""\s*:\s*\[\s*(\]|\{\s*""(ruleId|id)""\s*:)")]
    private static partial Regex LintStart();

    [GeneratedRegex(@"^\uFEFF?\s*\{\s*""schemaVersion""\s*:\s*\d+\s*,\s*""profile""\s*:")]
    private static partial Regex VersionedStart();

    [GeneratedRegex(@"^\uFEFF?\s*\{\s*""source""\s*:\s*""[^""]*""\s*,\s*""destination""\s*:")]
    private static partial Regex CanReachStart();
}
