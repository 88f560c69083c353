using PolicyLint.Analyzer.Queries.Dependencies;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Analyzer.Tests.Dependencies;

/// <summary>What has the shape of an address, and what never does (docs/dependencies.md, "What counts").</summary>
public class ServiceReferenceTests
{
    [Theory]
    [InlineData("orders", null, "orders", null)]
    [InlineData("orders.shop", null, "orders.shop", null)]
    [InlineData("orders.shop:8080", null, "orders.shop", 8080)]
    [InlineData("http://orders.shop:8080/api", "http", "orders.shop", 8080)]
    [InlineData("postgresql://u@db.data/app", "postgresql", "db.data", null)]
    [InlineData("postgresql://u:secret@db.data:5433/app?sslmode=off", "postgresql", "db.data", 5433)]
    [InlineData("redis://cache.data:6379", "redis", "cache.data", 6379)]
    [InlineData("orders.shop.svc.cluster.local.", null, "orders.shop.svc.cluster.local", null)]
    [InlineData("HTTP://orders", "http", "orders", null)]
    public void Addresses_are_read(string text, string? scheme, string host, int? port)
    {
        var reference = ServiceReference.Parse(text);
        Assert.NotNull(reference);
        Assert.Equal(new ServiceReference(scheme, host, port), reference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("connect to orders.shop now")]
    [InlineData("/var/run/orders.sock")]
    [InlineData("ops@orders.shop")]
    [InlineData("INFO")]
    [InlineData("orders.shop:http")]
    [InlineData("orders.shop:0")]
    [InlineData("orders.shop:70000")]
    [InlineData("orders/api")]
    [InlineData("$(ORDERS_SERVICE_HOST)")]
    [InlineData("-orders")]
    [InlineData("orders..shop")]
    [InlineData("[::1]:80")]
    public void Non_addresses_are_not_read(string text) => Assert.Null(ServiceReference.Parse(text));

    [Fact]
    public void A_comma_separated_list_gives_each_address() =>
        Assert.Equal(
            new[] { new ServiceReference(null, "kafka-0.kafka.data", 9092), new ServiceReference(null, "kafka-1.kafka.data", 9092) },
            ServiceReference.ParseAll("kafka-0.kafka.data:9092,kafka-1.kafka.data:9092").ToArray());

    [Fact]
    public void A_flag_value_is_read_after_its_equals_sign() =>
        Assert.Equal(new[] { new ServiceReference("http", "orders", 8080) }, ServiceReference.ParseAll("--upstream=http://orders:8080").ToArray());

    [Fact]
    public void A_sentence_gives_nothing() =>
        Assert.Empty(ServiceReference.ParseAll("curl http://orders.shop:8080 every 30s"));
}
