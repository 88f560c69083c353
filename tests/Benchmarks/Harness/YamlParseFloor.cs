using YamlDotNet.Core;

namespace PolicyLint.Benchmarks.Harness;

/// <summary>
/// YamlDotNet's bare event parse of the files: every event consumed, nothing built. No loader
/// that uses YamlDotNet can be faster, so it is the floor for load time.
/// </summary>
internal static class YamlParseFloor
{
    public static long ConsumeAllEvents(IEnumerable<string> files)
    {
        long events = 0;
        foreach (var file in files)
        {
            using var reader = new StreamReader(file);
            var parser = new Parser(reader);
            while (parser.MoveNext()) events++;
        }
        return events;
    }
}
