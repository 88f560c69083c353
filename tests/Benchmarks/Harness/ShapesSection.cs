using System.Text;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// The "Input shapes" section of bench/RESULTS.md: the sizes of <see cref="Generation.SizeProfile.Shapes"/>
/// (ipBlock-heavy M, a kubectl dump), measured like the others plus the connlist report and the
/// comparison with PyYAML's parse. Measuring only shapes rewrites only this section (between its
/// markers); rendering the rest keeps it.
/// </summary>
internal static class ShapesSection
{
    private static readonly MarkedSection Marked = new("<!-- input shapes: begin -->", "<!-- input shapes: end -->");

    public static string Keep(string oldDocument, string newDocument) => Marked.Keep(oldDocument, newDocument);

    public static int Render(IReadOnlyList<SizeResult> shapes, string path, TextWriter console)
    {
        var document = File.Exists(path) ? File.ReadAllText(path) : "";
        File.WriteAllText(path, Marked.Replace(document, Section(shapes)));
        console.WriteLine($"wrote the input shapes section of {path}");
        return 0;
    }

    private static string Section(IReadOnlyList<SizeResult> shapes)
    {
        var text = new StringBuilder();
        text.Append(Marked.Begin).Append('\n');
        text.Append("## Input shapes: ipBlock-heavy (M-ip) and kubectl dump (M-dump)\n\n");
        text.Append("Written by `dotnet run -c Release --project tests/Benchmarks -- --size M-ip --size M-dump [--runs N]`. ");
        text.Append("M-ip is M with about a quarter of the policies carrying an ipBlock (a random /8 to /16 with one or two excepts); ");
        text.Append("M-dump is one `kubectl get -A -o yaml` List of 600 namespaces (ReplicaSets with and without replicas, StatefulSet pods, ");
        text.Append("static pods owned by a Node, Services without selector backed by Endpoints and EndpointSlices; no policies). ");
        text.Append("Besides the figures above, the connlist report and its size, and PyYAML's C loader merely parsing the same files ");
        text.Append("(/usr/bin/python3, interpreter start included) against `report --format json`, JIT and native. Target of issue #17: ");
        text.Append("M-ip `report --format json` ≤ 1.0× PyYAML's parse.\n\n");
        if (shapes.Count > 0)
        {
            ResultsDocument.AppendMachines(text, shapes, "###");
            ResultsDocument.AppendInputs(text, shapes, "###");
            ResultsDocument.AppendMeasurements(text, shapes, "###");
            ResultsDocument.AppendChecks(text, shapes, "###");
        }
        else
        {
            text.Append("Not measured yet.\n\n");
        }
        text.Append(Marked.End).Append('\n');
        return text.ToString();
    }
}
