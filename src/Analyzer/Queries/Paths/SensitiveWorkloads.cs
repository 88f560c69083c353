using System.Collections.Immutable;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;

namespace PolicyLint.Analyzer.Queries.Paths;

/// <summary>
/// Which workloads hold data worth protecting: those with a pod whose labels match one of the
/// selectors (kubectl syntax, e.g. <c>tier=db</c>), and how many hops from the internet are too
/// close (<see cref="Hops"/>). <see cref="Default"/> names common data stores by their usual
/// labels (docs/paths.md lists them); the manifests' container images are not read.
/// </summary>
public sealed class SensitiveWorkloads
{
    private readonly ImmutableArray<LabelSelector?> _parsed;

    /// <summary>Selectors that do not parse are skipped: the configuration reader reports them first.</summary>
    public SensitiveWorkloads(ImmutableArray<string> selectors, int hops)
    {
        Selectors = selectors;
        Hops = hops;
        _parsed = [.. selectors.Select(s => SelectorText.Parse(s).Selector)];
    }

    public ImmutableArray<string> Selectors { get; }

    public int Hops { get; }

    public const int DefaultHops = 2;

    private static readonly string DataStores =
        "postgres,postgresql,mysql,mariadb,mongo,mongodb,redis,memcached,cassandra,elasticsearch,opensearch," +
        "etcd,couchdb,cockroachdb,clickhouse,neo4j,influxdb,minio,kafka,zookeeper,rabbitmq,vault";

    /// <summary>The built-in list, used when .policylint.yaml names none.</summary>
    public static SensitiveWorkloads Default { get; } = new(
    [
        "tier in (db,database,data,datastore,cache,storage)",
        "app.kubernetes.io/component in (database,db,cache,datastore,storage)",
        $"app in ({DataStores})",
        $"app.kubernetes.io/name in ({DataStores})",
    ], DefaultHops);

    /// <summary>Whether some pod of the workload matches some selector.</summary>
    public bool Matches(Workload workload) => workload.Pods.Any(pod => _parsed.Any(selector => selector?.Matches(pod.Labels) == true));

    /// <summary>The first selector that a pod of the workload matches, for messages; null when none does.</summary>
    public string? MatchedBy(Workload workload)
    {
        for (var i = 0; i < _parsed.Length; i++)
        {
            if (workload.Pods.Any(pod => _parsed[i]?.Matches(pod.Labels) == true)) return Selectors[i];
        }
        return null;
    }
}
