using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Cli.Report;

/// <summary>One line of the Service view for people: a source and how many backends accept it.</summary>
public sealed record ServiceClientLine(string Source, BackendCoverage Coverage, string Backends);

/// <summary>
/// For people-facing formats: the clients of a Service port, with outside ranges that get the
/// same answer merged into one source (the engine's cut of the address space is noise there).
/// </summary>
public static class ServiceClients
{
    public static List<ServiceClientLine> Lines(ServicePortView view) =>
        [.. Merged(view).Select(c => Line(c.Source.Id, c)).OrderBy(l => l.Source, StringComparer.Ordinal)];

    /// <summary>
    /// The clients of a Service port, the outside ranges that the same backends accept merged into
    /// one source (listed after the others, in no particular order).
    /// </summary>
    public static List<ServiceAccess> Merged(ServicePortView view)
    {
        var clients = new List<ServiceAccess>();
        var outside = new Dictionary<string, (List<IpSet> Addresses, ServiceAccess First)>(StringComparer.Ordinal);
        foreach (var client in view.Clients)
        {
            if (client.Source is ExternalPeer external)
            {
                var key = AcceptingKey(client);
                if (!outside.TryGetValue(key, out var seen)) outside[key] = seen = ([], client);
                seen.Addresses.Add(external.Addresses);
                continue;
            }
            clients.Add(client);
        }
        foreach (var (addresses, first) in outside.Values)
        {
            clients.Add(first with { Source = new ExternalPeer(IpSet.UnionOf(addresses)) });
        }
        return clients;
    }

    /// <summary>all backends, or the accepting ones when only some accept.</summary>
    public static string CoverageText(ServiceClientLine line) => line.Coverage == BackendCoverage.All
        ? "all backends accept"
        : $"only {line.Backends} accept{(line.Backends.Contains(',', StringComparison.Ordinal) ? "" : "s")}";

    private static ServiceClientLine Line(string source, ServiceAccess access) =>
        new(source, access.Coverage, AcceptingKey(access));

    private static string AcceptingKey(ServiceAccess access) =>
        string.Join(", ", access.Backends.Where(b => b.Accepts).Select(b => b.BackendId));
}
