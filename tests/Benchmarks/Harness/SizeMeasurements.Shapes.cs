namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// For the input shapes (<see cref="Generation.SizeProfile.Shapes"/>): the connlist report and its
/// size, and the reports against Python's PyYAML C loader merely parsing the same files
/// (Debian's /usr/bin/python3, interpreter start included), with the native binary when it has
/// been published (tests/Benchmarks/README.md).
/// </summary>
internal sealed partial class SizeMeasurements
{
    private const string Python = "/usr/bin/python3";

    private const string PyYamlParse =
        "import sys, yaml\nfor f in sys.argv[1:]:\n    with open(f) as s: list(yaml.load_all(s, Loader=yaml.CSafeLoader))";

    private void MeasureAgainstPyYaml()
    {
        var report = Path.Combine(outDirectory, $"report-{profile.Name}.json");
        MeasureCommand("policylint report --format json", "report", ["report", summary.Directory, "--format", "json", "-o", report]);
        MeasureConnlist();
        const string parse = "PyYAML CSafeLoader parse";
        if (CliRunner.Time(Python, ["-c", "import yaml; yaml.CSafeLoader"], budget) is not { ExitCode: 0 })
        {
            NotAvailable(parse, $"{Python} with PyYAML's C loader is not installed (apt-get install python3-yaml)", "wall time", "s");
            return;
        }
        MeasureProcess(parse, $"{Python}, interpreter start included", () => CliRunner.Time(Python, ["-c", PyYamlParse, .. summary.Files], budget));
        var native = Path.Combine(RepositoryRoot.Find(), "artifacts", "native", "policylint");
        const string nativeReport = "native policylint report --format json";
        if (File.Exists(native))
        {
            var output = Path.Combine(outDirectory, $"report-{profile.Name}-native.json");
            MeasureProcess(nativeReport, "artifacts/native/policylint, as published by dotnet publish src/Cli -c Release -r linux-x64",
                () => CliRunner.Time(native, ["report", summary.Directory, "--format", "json", "-o", output], budget));
        }
        else
        {
            NotAvailable(nativeReport, "artifacts/native/policylint is not published", "wall time", "s");
        }
        AddRatio("policylint report --format json", parse);
        AddRatio(nativeReport, parse);
    }

    private void MeasureConnlist()
    {
        var connlist = Path.Combine(outDirectory, $"report-{profile.Name}.connlist.txt");
        MeasureCommand("policylint report --format connlist", "report", ["report", summary.Directory, "--format", "connlist", "-o", connlist]);
        if (!File.Exists(connlist)) return;
        var lines = File.ReadLines(connlist).ToList();
        _measurements.Add(Measurement.Of("policylint report --format connlist: file size", "MB", [new FileInfo(connlist).Length / 1e6]));
        _measurements.Add(Measurement.Of("policylint report --format connlist: lines", "count", [lines.Count]));
        _measurements.Add(Measurement.Of("policylint report --format connlist: lines with an outside range", "count",
            [lines.Count(l => l.Contains("[External]", StringComparison.Ordinal))]));
    }

    /// <summary>CPU time of a command over CPU time of the PyYAML parse (medians): ≤ 1 means no slower than merely parsing.</summary>
    private void AddRatio(string command, string parse)
    {
        var cpu = _measurements.FirstOrDefault(m => m.Name == $"{command}: CPU time");
        var floor = _measurements.FirstOrDefault(m => m.Name == $"{parse}: CPU time");
        if (cpu is not { IsAvailable: true } || floor is not { IsAvailable: true }) return;
        _measurements.Add(Measurement.Of($"{command}: CPU time vs PyYAML parse", "×", [cpu.Median / floor.Median], "medians, user + system"));
    }
}
