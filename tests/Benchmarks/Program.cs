using System.Globalization;
using PolicyLint.Benchmarks;
using PolicyLint.Benchmarks.Generation;
using PolicyLint.Benchmarks.Harness;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var command = CommandLine.Parse(args, out var error);
if (error is not null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

if (command.Generate && command.Dump)
{
    Console.WriteLine(DumpCluster.Generate(command.Sizes[0].Namespaces, ClusterGenerator.DumpNodes(command.Sizes[0]), command.Seed, command.Out!).Describe());
    return 0;
}

if (command.Generate)
{
    var summary = ClusterGenerator.Generate(command.Sizes[0], command.Seed, command.Out!);
    Console.WriteLine(GenerationReport.Describe(summary));
    return 0;
}

return BenchmarkRun.Execute(command, Console.Out);
