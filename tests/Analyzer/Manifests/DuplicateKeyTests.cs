using PolicyLint.Analyzer.Tests.Model;

namespace PolicyLint.Analyzer.Tests.Manifests;

/// <summary>kubectl refuses a repeated mapping key; so do we, instead of silently keeping one value.</summary>
public sealed class DuplicateKeyTests
{
    [Fact]
    public void Repeated_key_in_an_object_is_invalid_yaml_at_the_second_key()
    {
        var loaded = Loading.Load("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nkind: Service\n");

        Assert.Equal("m.yaml:4:1: invalid-yaml: mapping key \"kind\" is already defined at line 2", Loading.Messages(loaded));
        Assert.Empty(loaded.Cluster.Workloads);
        Assert.Empty(loaded.Cluster.Services);
    }

    [Fact]
    public void Repeated_key_deep_inside_is_found_too()
    {
        var loaded = Loading.Load("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: x, app: y}\n");

        Assert.Equal("m.yaml:5:20: invalid-yaml: mapping key \"app\" is already defined at line 5", Loading.Messages(loaded));
    }

    [Fact]
    public void The_same_key_in_sibling_mappings_is_fine()
    {
        var loaded = Loading.Load("apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: x}}\nspec: {containers: [{name: c}, {name: d}]}\n");

        Assert.Empty(loaded.Diagnostics);
    }
}
