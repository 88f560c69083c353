using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries.Paths;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;
using PolicyLint.Analyzer.Tests.Model;

namespace PolicyLint.Analyzer.Tests.Paths;

/// <summary>
/// The graph queries against a brute force over the connlist: a plain queue BFS over the
/// engine's allowed pairs (filtered by the hop filter) must give the same hop counts as
/// blast-radius, and a plain enumeration of every walk of the shortest length must give exactly
/// the paths `paths` lists (in the same order), from every workload and from {internet} to every
/// workload, and the attack surface's counts within 1, 2, 3 hops. 200 random clusters by default; POLICYLINT_PROPERTY_CASES for more.
/// </summary>
public sealed class PathsPropertyTests
{
    private static int CaseCount =>
        int.TryParse(Environment.GetEnvironmentVariable("POLICYLINT_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 200;

    [Fact]
    public void Blast_radius_and_paths_agree_with_a_brute_force_search_of_the_connlist()
    {
        Prop.ForAll(RandomGraphClusters.Cases(), c => Agrees(c))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CaseCount).WithQuietOnSuccess(true));
    }

    private static bool Agrees(GraphCase graphCase)
    {
        var cluster = Loading.Clean(graphCase.Yaml);
        var engine = ReachabilityEngine.Build(cluster);
        var pairs = engine.ComputeMatrix().Pairs().ToList();
        var entryPoints = EntryPointQuery.Run(engine);
        var filter = FilterOf(graphCase.Filter);
        var graph = WorkloadGraph.Build(engine.Peers, pairs, entryPoints, filter);
        var brute = new BruteForce(pairs, entryPoints, filter);
        var workloads = engine.Peers.OfType<WorkloadPeer>().ToList();
        Check(graphCase, "entries", string.Join(",", brute.Entries.Order(StringComparer.Ordinal)), string.Join(",", graph.Entries.Select(e => e.Workload.Id)));
        foreach (var source in workloads)
        {
            var distance = brute.Distances([source.Id]);
            var radius = BlastRadiusQuery.Run(graph, source, graphCase.Depth);
            var expected = distance.Where(d => d.Key != source.Id && d.Value <= graphCase.Depth).Select(d => $"{d.Key}:{d.Value}").Order(StringComparer.Ordinal);
            Check(graphCase, $"blast radius of {source.Id}", string.Join(" ", expected), string.Join(" ", radius.Reachable.Select(r => $"{r.Peer.Id}:{r.Hops}").Order(StringComparer.Ordinal)));
            foreach (var target in workloads.Where(t => t.Id != source.Id))
            {
                var result = PathsQuery.FromWorkload(engine, graph, source, target.Id, [target], graphCase.Depth, limit: 10_000);
                CheckPaths(graphCase, brute, [source.Id], target.Id, result);
            }
        }
        foreach (var reach in AttackSurfaceQuery.Run(graph))
        {
            var distance = brute.Distances([reach.Entry.Workload.Id]);
            var expected = Enumerable.Range(1, 3).Select(h => distance.Count(d => d.Key != reach.Entry.Workload.Id && d.Value <= h));
            Check(graphCase, $"attack surface of {reach.Entry.Workload.Id}", string.Join(" / ", expected), string.Join(" / ", reach.Within));
        }
        var together = PathsQuery.FromInternetToEach(engine, graph,
            [.. workloads.Select(w => (w.Id, (IReadOnlyCollection<WorkloadPeer>)[w]))], graphCase.Depth, limit: 10_000);
        foreach (var (target, fromOneSearch) in workloads.Zip(together))
        {
            var result = PathsQuery.FromInternet(engine, graph, target.Id, [target], graphCase.Depth, limit: 10_000);
            Check(graphCase, $"one search for every destination, to {target.Id}", Describe(result), Describe(fromOneSearch));
            CheckPaths(graphCase, brute, brute.Entries, target.Id, result);
            var cut = PathsQuery.FromInternet(engine, graph, target.Id, [target], graphCase.Depth, limit: 1);
            Check(graphCase, $"limit 1 to {target.Id}", $"{Math.Min(1, result.Total)} {result.Total > 1}", $"{cut.Paths.Length} {cut.Truncated}");
        }
        return true;
    }

    private static void CheckPaths(GraphCase graphCase, BruteForce brute, IReadOnlyCollection<string> sources, string target, PathsResult result)
    {
        var distance = brute.Distances(sources);
        var what = $"paths from {string.Join(",", sources)} to {target}";
        if (!distance.TryGetValue(target, out var hops) || hops > graphCase.Depth)
        {
            Check(graphCase, what, "none", result.Found ? $"{result.Hops} hops" : "none");
            return;
        }
        var expected = sources.Where(s => distance.ContainsKey(s))
            .SelectMany(s => brute.Walks(s, target, hops))
            .Select(walk => string.Join(" > ", walk))
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = result.Paths.Select(p => string.Join(" > ", Vertices(p))).ToList();
        Check(graphCase, what + " (hops)", hops.ToString(CultureInfo.InvariantCulture), result.Hops?.ToString(CultureInfo.InvariantCulture) ?? "none");
        Check(graphCase, what, string.Join("\n", expected), string.Join("\n", actual));
        Check(graphCase, what + " (total)", expected.Count.ToString(CultureInfo.InvariantCulture), result.Total.ToString(CultureInfo.InvariantCulture));
        foreach (var step in result.Paths.SelectMany(p => p.Steps))
        {
            Check(graphCase, $"connections {step.From.Id} -> {step.To.Id}", brute.Connections(step.From.Id, step.To.Id).ToString(), step.Connections.ToString());
        }
    }

    private static string Describe(PathsResult result) =>
        $"{result.Hops} {result.Total}: {string.Join(" | ", result.Paths.Select(p => string.Join(" > ", Vertices(p))))}";

    private static IEnumerable<string> Vertices(AttackPath path) =>
        path.Steps.IsEmpty ? [path.Entry!.Workload.Id] : path.Steps.Select(s => s.From.Id).Append(path.Steps[^1].To.Id);

    private static void Check(GraphCase graphCase, string what, string expected, string actual)
    {
        if (expected != actual) throw new Xunit.Sdk.XunitException($"{what}:\nbrute force: {expected}\nquery:       {actual}\n{graphCase}");
    }

    internal static HopFilter FilterOf(string text) => text switch
    {
        "TCP 80" => new HopFilter(Protocol.TCP, 80),
        "TCP 5432" => new HopFilter(null, 5432),
        "UDP" => new HopFilter(Protocol.UDP),
        _ => HopFilter.Any,
    };

    /// <summary>The obvious algorithms over the connlist, sharing nothing with the query but its input.</summary>
    private sealed class BruteForce
    {
        private readonly Dictionary<(string, string), ConnectionSet> _edges = new();

        public BruteForce(List<(Peer Source, Peer Destination, ConnectionSet Connections)> pairs, IEnumerable<EntryPoint> entryPoints, HopFilter filter)
        {
            var entries = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (source, destination, connections) in pairs)
            {
                if (destination is not WorkloadPeer) continue;
                if (source is ExternalPeer) entries.Add(destination.Id);
                if (source is WorkloadPeer && AllowsFiltered(connections, filter)) _edges[(source.Id, destination.Id)] = connections;
            }
            foreach (var entry in entryPoints.Where(e => e.IsExposed))
            {
                foreach (var backend in entry.Backends.Where(b => b.Accepts)) entries.Add(backend.Target.Workload.Id);
            }
            Entries = entries;
        }

        public HashSet<string> Entries { get; }

        public ConnectionSet Connections(string from, string to) => _edges[(from, to)];

        public Dictionary<string, int> Distances(IEnumerable<string> sources)
        {
            var distance = sources.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
            var queue = new Queue<string>(distance.Keys);
            while (queue.Count > 0)
            {
                var here = queue.Dequeue();
                foreach (var ((from, to), _) in _edges)
                {
                    if (from != here || distance.ContainsKey(to)) continue;
                    distance[to] = distance[here] + 1;
                    queue.Enqueue(to);
                }
            }
            return distance;
        }

        /// <summary>Every walk of exactly <paramref name="length"/> edges from source to target.</summary>
        public IEnumerable<List<string>> Walks(string source, string target, int length)
        {
            if (length == 0)
            {
                if (source == target) yield return [source];
                yield break;
            }
            foreach (var ((from, to), _) in _edges)
            {
                if (from != source) continue;
                foreach (var rest in Walks(to, target, length - 1)) yield return [source, .. rest];
            }
        }

        private static bool AllowsFiltered(ConnectionSet connections, HopFilter filter) => (filter.Protocol, filter.Port) switch
        {
            (null, null) => !connections.IsEmpty,
            (var protocol, { } port) => connections.Contains(protocol ?? Protocol.TCP, port),
            ({ } protocol, null) => !connections.Ports(protocol).IsEmpty,
        };
    }
}
