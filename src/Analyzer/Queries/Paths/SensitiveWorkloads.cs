using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>
/// Which workloads hold data worth protecting: those with a pod whose labels match one of the
/// selectors (kubectl syntax, e.g. <c>tier=db</c>), and how many hops from the internet are too
/// close (<see cref="Hops"/>), or with a container whose image is one of <see cref="Images"/>
/// (the image's repository name, without registry, path, tag or digest:
/// <c>docker.io/bitnami/postgresql:16</c> is <c>postgresql</c>). <see cref="Default"/> names common
/// data stores by their usual labels and images (docs/rules/sensitive-reachable-from-internet.md lists them).
/// </summary>
public sealed class SensitiveWorkloads
{
    private readonly ImmutableArray<LabelSelector?> _parsed;

    /// <summary>Selectors that do not parse are skipped: the configuration reader reports them first.</summary>
    /// <param name="images">Image repository names; none when left out.</param>
    public SensitiveWorkloads(ImmutableArray<string> selectors, int hops, ImmutableArray<string> images = default)
    {
        Selectors = selectors;
        Hops = hops;
        Images = images.IsDefault ? [] : images;
        _parsed = [.. selectors.Select(s => SelectorText.Parse(s).Selector)];
    }

    public ImmutableArray<string> Selectors { get; }

    public ImmutableArray<string> Images { get; }

    public int Hops { get; }

    public const int DefaultHops = 2;

    private static readonly string DataStores =
        "postgres,postgresql,mysql,mariadb,mongo,mongodb,redis,memcached,cassandra,elasticsearch,opensearch," +
        "etcd,couchdb,cockroachdb,clickhouse,neo4j,influxdb,minio,kafka,zookeeper,rabbitmq,vault";

    /// <summary>The official images' names and their common variants (bitnami/postgresql, cockroachdb/cockroach, ...).</summary>
    public static readonly ImmutableArray<string> DataStoreImages =
    [
        "postgres", "postgresql", "mysql", "mariadb", "mongo", "mongodb", "redis", "valkey", "memcached",
        "elasticsearch", "opensearch", "cassandra", "etcd", "rabbitmq", "kafka", "zookeeper", "minio",
        "cockroach", "cockroachdb", "clickhouse", "clickhouse-server", "neo4j", "couchdb",
    ];

    /// <summary>The built-in lists, used when .policylint.yaml names none.</summary>
    public static SensitiveWorkloads Default { get; } = new(
    [
        "tier in (db,database,data,datastore,cache,storage)",
        "app.kubernetes.io/component in (database,db,cache,datastore,storage)",
        $"app in ({DataStores})",
        $"app.kubernetes.io/name in ({DataStores})",
    ], DefaultHops, DataStoreImages);

    /// <summary>Whether some pod of the workload matches some selector, or some container's image is listed.</summary>
    public bool Matches(Workload workload) => MatchedBy(workload) is not null;

    /// <summary>
    /// The first selector that a pod of the workload matches, else "image X" for the first listed
    /// image a container runs, for messages; null when none does.
    /// </summary>
    public string? MatchedBy(Workload workload)
    {
        for (var i = 0; i < _parsed.Length; i++)
        {
            if (workload.Pods.Any(pod => _parsed[i]?.Matches(pod.Labels) == true)) return Selectors[i];
        }
        var image = workload.Pods.SelectMany(pod => pod.Containers).Select(c => c.Image)
            .FirstOrDefault(image => image is not null && Images.Contains(RepositoryName(image), StringComparer.OrdinalIgnoreCase));
        return image is null ? null : $"image {image}";
    }

    /// <summary>
    /// The last path component of an image reference, without tag or digest
    /// (<c>registry:5000/team/redis:7@sha256:...</c> is <c>redis</c>): the registry and the
    /// path before it say where the image comes from, not what it runs.
    /// </summary>
    public static string RepositoryName(string image)
    {
        var name = image.Trim();
        var digest = name.IndexOf('@');
        if (digest >= 0) name = name[..digest];
        name = name[(name.LastIndexOf('/') + 1)..];
        var tag = name.IndexOf(':');
        return tag >= 0 ? name[..tag] : name;
    }
}
