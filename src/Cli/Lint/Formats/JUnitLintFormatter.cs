using System.Text;
using System.Xml;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Cli.Output.Escaping;
using PolicyLint.Rules;

namespace PolicyLint.Cli.Lint.Formats;

/// <summary>
/// JUnit XML for CI test dashboards: one testsuite per file, one testcase per object and rule
/// that reported on it, and one passing testcase per object nothing reported on, so the test
/// count says how much was checked. A testcase fails when one of its findings is at or above
/// --fail-on (so the dashboard agrees with the exit code); findings below the threshold are
/// listed in system-out of a passing testcase; a testcase whose findings are all suppressed is
/// skipped with the reason.
/// </summary>
public sealed class JUnitLintFormatter : ILintFormatter
{
    private sealed record TestCase(string File, SourceSpan Order, string Name, IReadOnlyList<Finding> Findings);

    public void Write(LintReport report, TextWriter output)
    {
        var suites = Cases(report).GroupBy(c => c.File).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var all = suites.SelectMany(s => s).ToList();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "policylint");
            WriteCounts(xml, report, all);
            foreach (var suite in suites)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", XmlContent.Of(suite.Key));
                WriteCounts(xml, report, suite.ToList());
                foreach (var testCase in suite.OrderBy(c => c.Order).ThenBy(c => c.Name, StringComparer.Ordinal)) WriteCase(xml, report, testCase);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    private static IEnumerable<TestCase> Cases(LintReport report)
    {
        var reported = new HashSet<(string, string)>();
        foreach (var group in report.Result.Findings.GroupBy(f => (f.Span.File, Object: f.Object?.ToString() ?? "", f.RuleId)))
        {
            reported.Add((group.Key.File, group.Key.Object));
            var name = group.Key.Object.Length == 0 ? group.Key.RuleId : $"{group.Key.Object}: {group.Key.RuleId}";
            yield return new TestCase(FileName(report, group.Key.File), group.First().Span, name, group.ToList());
        }
        foreach (var item in report.Cluster.Objects)
        {
            var meta = item.Meta;
            if (!meta.Span.IsKnown || reported.Contains((meta.Span.File, meta.Ref.ToString()))) continue;
            yield return new TestCase(FileName(report, meta.Span.File), meta.Span, meta.Ref.ToString(), []);
        }
    }

    private static string FileName(LintReport report, string file) => file.Length == 0 ? "(no file)" : report.Paths.Relative(file);

    private static bool Fails(LintReport report, TestCase testCase) =>
        report.FailOn is { } threshold && testCase.Findings.Any(f => !f.IsSuppressed && f.Severity >= threshold);

    private static bool Skipped(TestCase testCase) => testCase.Findings.Count > 0 && testCase.Findings.All(f => f.IsSuppressed);

    private static void WriteCounts(XmlWriter xml, LintReport report, IReadOnlyList<TestCase> cases)
    {
        xml.WriteAttributeString("tests", cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", cases.Count(c => Fails(report, c)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", cases.Count(Skipped).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WriteCase(XmlWriter xml, LintReport report, TestCase testCase)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", XmlContent.Of(testCase.File));
        xml.WriteAttributeString("name", XmlContent.Of(testCase.Name));
        var active = testCase.Findings.Where(f => !f.IsSuppressed).ToList();
        if (Fails(report, testCase))
        {
            var worst = active.MaxBy(f => f.Severity)!;
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", worst.Severity.ToId());
            xml.WriteAttributeString("message", XmlContent.Of(worst.Message));
            xml.WriteString(string.Join("\n", active.Select(Line)));
            xml.WriteEndElement();
        }
        else if (Skipped(testCase))
        {
            var reasons = testCase.Findings.Select(f => f.Suppression!.Reason).OfType<string>().Distinct().ToList();
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", XmlContent.Of(reasons.Count == 0 ? "suppressed by annotation" : $"suppressed by annotation: {string.Join("; ", reasons)}"));
            xml.WriteEndElement();
        }
        else if (active.Count > 0)
        {
            xml.WriteElementString("system-out", string.Join("\n", active.Select(Line)));
        }
        xml.WriteEndElement();
    }

    private static string Line(Finding finding) => XmlContent.Of($"{finding.Span}: {finding.Severity.ToId()} {finding.RuleId}: {finding.Message}");
}
