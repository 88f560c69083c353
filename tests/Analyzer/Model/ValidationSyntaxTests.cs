using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Model.Reading;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>LabelSyntax, PortSyntax, Cidr and ScalarTypes against the Kubernetes rules.</summary>
public sealed class ValidationSyntaxTests
{
    [Theory]
    [InlineData("app", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("kubernetes.io/metadata.name", true)]
    [InlineData("A_b-c.d", true)]
    [InlineData("app@b", false)]
    [InlineData("-app", false)]
    [InlineData("app-", false)]
    [InlineData("/app", false)]
    [InlineData("Example.com/app", false)]
    [InlineData("a/b/c", false)]
    [InlineData("example.com/", false)]
    [InlineData("", false)]
    public void Label_keys(string key, bool valid) => Assert.Equal(valid, LabelSyntax.CheckKey(key) is null);

    [Fact]
    public void Label_key_name_part_is_at_most_63_characters()
    {
        Assert.Null(LabelSyntax.CheckKey(new string('a', 63)));
        Assert.NotNull(LabelSyntax.CheckKey(new string('a', 64)));
        var label = new string('a', 63);
        var prefix253 = $"{label}.{label}.{label}.{new string('a', 61)}";
        Assert.Equal(253, prefix253.Length);
        Assert.Null(LabelSyntax.CheckKey(prefix253 + "/x"));
        Assert.NotNull(LabelSyntax.CheckKey(prefix253 + "a/x"));
        Assert.NotNull(LabelSyntax.CheckKey(new string('a', 64) + ".io/x"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.2_rc-3", true)]
    [InlineData("$backendservice", false)]
    [InlineData("a b", false)]
    [InlineData("_a", false)]
    public void Label_values(string value, bool valid) => Assert.Equal(valid, LabelSyntax.CheckValue(value) is null);

    [Fact]
    public void Label_value_is_at_most_63_characters()
    {
        Assert.Null(LabelSyntax.CheckValue(new string('v', 63)));
        Assert.NotNull(LabelSyntax.CheckValue(new string('v', 64)));
    }

    [Theory]
    [InlineData("http", true)]
    [InlineData("h2c-8080", true)]
    [InlineData("a-very-long-nam", true)]
    [InlineData("a-very-long-name", false)]
    [InlineData("8080", false)]
    [InlineData("Http", false)]
    [InlineData("-http", false)]
    [InlineData("http-", false)]
    [InlineData("ht--tp", false)]
    [InlineData("", false)]
    public void Port_names(string name, bool valid) => Assert.Equal(valid, PortSyntax.CheckName(name) is null);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(65535, true)]
    [InlineData(65536, false)]
    public void Port_numbers(int port, bool valid) => Assert.Equal(valid, PortSyntax.IsValidNumber(port));

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("10.0.0.1/32", true)]
    [InlineData("10.0.0.1/8", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0/8", false)]
    [InlineData("10.0.0.0.0/8", false)]
    [InlineData("256.0.0.0/8", false)]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("10.0.0.0/-1", false)]
    [InlineData("A", false)]
    [InlineData("::/0", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("::ffff:10.0.0.0/104", true)]
    [InlineData("2001:db8::/129", false)]
    [InlineData("fe80::1%eth0/64", false)]
    [InlineData("2001:db8:::/32", false)]
    public void Cidrs(string text, bool valid) => Assert.Equal(valid, Cidr.TryParse(text, out _));

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true)]
    [InlineData("10.0.0.0/8", "10.0.0.0/8", false)]
    [InlineData("10.0.0.0/8", "11.0.0.0/16", false)]
    [InlineData("10.0.0.0/16", "10.0.0.0/8", false)]
    [InlineData("0.0.0.0/0", "192.168.0.0/16", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::/48", true)]
    [InlineData("2001:db8::/32", "2001:db9::/48", false)]
    [InlineData("::/0", "10.0.0.0/8", false)]
    public void Strict_containment(string outer, string inner, bool contained)
    {
        Assert.True(Cidr.TryParse(outer, out var o));
        Assert.True(Cidr.TryParse(inner, out var i));
        Assert.Equal(contained, o.StrictlyContains(i));
    }

    [Fact]
    public void Host_bits_are_accepted_and_masked()
    {
        Assert.True(Cidr.TryParse("10.1.2.3/8", out var cidr));
        Assert.Equal((UInt128)0x0A000000, cidr.Address);
        Assert.True(cidr.HadHostBits);
        Assert.True(Cidr.TryParse("0.0.0.0/0", out var all));
        Assert.Equal(UInt128.Zero, all.Address);
    }

    [Theory]
    [InlineData("web", "string")]
    [InlineData("1", "number")]
    [InlineData("-3", "number")]
    [InlineData("1.0", "number")]
    [InlineData("1e3", "number")]
    [InlineData(".5", "number")]
    [InlineData("yes", "boolean")]
    [InlineData("Off", "boolean")]
    [InlineData("1.2.3", "string")]
    [InlineData("v1", "string")]
    [InlineData("-", "string")]
    public void Plain_scalar_types(string text, string type) => Assert.Equal(type, ScalarTypes.Describe(text));

    [Fact]
    public void Field_paths_print_like_kubectl_explain()
    {
        var path = FieldPath.Root.Field("spec").Field("ingress").At(2).Field("from").At(0).Field("ipBlock").Field("cidr");
        Assert.Equal("spec.ingress[2].from[0].ipBlock.cidr", path.ToString());
        Assert.Equal("", FieldPath.Root.ToString());
    }

    [Fact]
    public void Field_paths_are_shared_and_still_print_their_own_field()
    {
        // A root no reader uses: the paths under Root are shared by every load of the test run,
        // and a path remembers only its first children.
        var spec = FieldPath.Root.Field("remembered-children");
        Assert.Same(spec.Field("podSelector"), spec.Field("podSelector"));
        Assert.Same(spec.Field("ingress").At(3), spec.Field("ingress").At(3));
        Assert.NotSame(spec.Field("ingress").At(3), spec.Field("ingress").At(4));
        Assert.Equal("remembered-children.ingress[4]", spec.Field("ingress").At(4).ToString());
        Assert.Equal("remembered-children.egress[3]", spec.Field("egress").At(3).ToString());
        // Past the children a path remembers, paths are made afresh, and still right.
        var labels = spec.Field("labels");
        for (var i = 0; i < 100; i++) Assert.Equal($"remembered-children.labels.key-{i}", labels.Field($"key-{i}").ToString());
        Assert.NotSame(labels.Field("key-99"), labels.Field("key-99"));
        Assert.Equal("remembered-children.labels[7]", labels.At(7).ToString());
    }

    [Fact]
    public void Field_paths_shared_across_threads_print_the_same()
    {
        var root = FieldPath.Root.Field("shared-across-threads");
        Parallel.For(0, 64, i =>
        {
            var path = root.Field($"f{i % 24}").At(i % 5).Field("cidr");
            Assert.Equal($"shared-across-threads.f{i % 24}[{i % 5}].cidr", path.ToString());
        });
    }
}
