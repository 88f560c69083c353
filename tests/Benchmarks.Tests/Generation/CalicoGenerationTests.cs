using PolicyLint.Benchmarks.Generation;

namespace PolicyLint.Benchmarks.Tests.Generation;

/// <summary>The Calico option of the generator: the same cluster plus Calico policies PolicyLint reads without a finding.</summary>
public sealed class CalicoGenerationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "policylint-bench-calico-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Calico_adds_its_policies_beside_an_unchanged_cluster()
    {
        var plain = ClusterGenerator.Generate(SizeProfile.Small, 3, Path.Combine(_root, "plain"));
        var calico = ClusterGenerator.Generate(SizeProfile.Small with { Name = "S-calico", Calico = true }, 3, Path.Combine(_root, "calico"));

        foreach (var (a, b) in plain.Files.Zip(calico.Files))
        {
            Assert.True(File.ReadAllBytes(a).SequenceEqual(File.ReadAllBytes(b)), $"{Path.GetFileName(a)} differs");
        }
        Assert.Equal("calico.yaml", Path.GetFileName(calico.Files[^1]));
        var loaded = PolicyLint.Analyzer.Model.ClusterLoader.Load([calico.Directory]);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Message.Contains("Calico", StringComparison.Ordinal));
        Assert.Equal(plain.Namespaces + 4, loaded.Cluster.Calico.Policies.Length);
        Assert.Equal(2, loaded.Cluster.Calico.Tiers.Length);
        Assert.Equal(plain.Policies + plain.Namespaces + 4, calico.Policies);
    }
}
