using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// Calico selectors evaluated on pod classes (docs/calico.md, "Selectors"). An endpoint's
/// labels are its pod's labels plus the ones Calico adds: <c>projectcalico.org/namespace</c>
/// (documented: "Select a namespace in a GlobalNetworkPolicy in the standard selector by using
/// projectcalico.org/namespace as the label name"), <c>projectcalico.org/orchestrator</c>
/// (<c>k8s</c>) and <c>projectcalico.org/serviceaccount</c>. A namespace selector reads the
/// namespace's labels plus <c>projectcalico.org/name</c>; a service account selector the
/// ServiceAccount's labels (from the input; none when it is not there) plus <c>projectcalico.org/name</c>.
/// </summary>
internal static class CalicoClassTests
{
    public const string NamespaceLabel = "projectcalico.org/namespace";
    public const string OrchestratorLabel = "projectcalico.org/orchestrator";
    public const string ServiceAccountLabel = "projectcalico.org/serviceaccount";
    public const string NameLabel = "projectcalico.org/name";

    /// <summary>Every Calico selector over endpoints (not namespaces or service accounts): pods must be told apart by the keys they read.</summary>
    public static IEnumerable<CalicoSelector> PodSelectors(CalicoObjects calico) =>
        calico.Policies.SelectMany(p => new[] { p.Selector }
            .Concat(p.Ingress.Concat(p.Egress).SelectMany(r => new[] { r.Source.Selector, r.Source.NotSelector, r.Destination.Selector, r.Destination.NotSelector }))
            .OfType<CalicoSelector>());

    /// <summary>Every label key a Calico endpoint selector reads.</summary>
    public static IEnumerable<string> LabelKeys(CalicoObjects calico) => PodSelectors(calico).SelectMany(s => s.Keys);

    /// <summary>Whether some Calico policy looks at pods' service accounts, so pods must be told apart by them.</summary>
    public static bool ServiceAccountMatters(CalicoObjects calico) =>
        calico.Policies.Any(p => p.ServiceAccountSelector is not null
            || p.Ingress.Concat(p.Egress).Any(r => r.Source.HasServiceAccountMatch || r.Destination.HasServiceAccountMatch)
            || LabelKeys(CalicoObjects.None with { Policies = [p] }).Contains(ServiceAccountLabel));

    public static string? EndpointLabel(PodClass endpoint, string key)
    {
        if (endpoint.Labels.TryGetValue(key, out var value)) return value;
        return key switch
        {
            NamespaceLabel => endpoint.Namespace,
            OrchestratorLabel => "k8s",
            ServiceAccountLabel => endpoint.Representative.ServiceAccount,
            _ => null,
        };
    }

    public static string? NamespaceLabelOf(PodClass endpoint, string key) =>
        endpoint.NamespaceLabels.TryGetValue(key, out var value) ? value : key == NameLabel ? endpoint.Namespace : null;
}

/// <summary>The ServiceAccounts of the input by namespace and name, for service account selectors.</summary>
internal sealed class ServiceAccountLabels(CalicoObjects calico)
{
    private readonly Dictionary<(string, string), Labels> _labels = calico.ServiceAccounts
        .GroupBy(a => (a.Meta.Namespace, a.Meta.Name))
        .ToDictionary(g => g.Key, g => g.First().Meta.Labels);

    public string? Label(PodClass endpoint, string key)
    {
        var account = endpoint.Representative.ServiceAccount;
        if (_labels.TryGetValue((endpoint.Namespace, account), out var labels) && labels.TryGetValue(key, out var value)) return value;
        return key == CalicoClassTests.NameLabel ? account : null;
    }

    /// <summary>"names" and "selector" of a ServiceAccountMatch: both must match when both are set.</summary>
    public bool Matches(PodClass endpoint, IReadOnlyCollection<string> names, CalicoSelector? selector) =>
        (names.Count == 0 || names.Contains(endpoint.Representative.ServiceAccount))
        && (selector is null || selector.Matches(key => Label(endpoint, key)));
}

/// <summary>
/// Whom a Calico policy applies to: "The top-level selector in a NetworkPolicy selects over the
/// workloads in the same namespace as the NetworkPolicy"; a GlobalNetworkPolicy's over all
/// endpoints, narrowed by its namespaceSelector; both narrowed by serviceAccountSelector.
/// </summary>
internal sealed class CalicoSubjectTest(CalicoPolicy policy, ServiceAccountLabels accounts) : ClassTest
{
    public override bool Matches(PodClass candidate)
    {
        if (!policy.Global && candidate.Namespace != policy.Namespace) return false;
        if (!policy.Selector.Matches(key => CalicoClassTests.EndpointLabel(candidate, key))) return false;
        if (policy.NamespaceSelector is { } namespaces && !namespaces.Matches(key => CalicoClassTests.NamespaceLabelOf(candidate, key))) return false;
        return policy.ServiceAccountSelector is not { } selector || accounts.Matches(candidate, [], selector);
    }

    public override string Key { get; } = $"calico-subject|{(policy.Global ? "" : policy.Namespace)}|{policy.Selector}|{policy.NamespaceSelector}|{policy.ServiceAccountSelector}";
}

/// <summary>
/// Whether a pod class is the source or destination a rule's EntityRule names. "If the rule
/// contains multiple match criteria ... then all match criteria must match". The namespace
/// scope: namespaceSelector when set, else the policy's namespace (NetworkPolicy) or every
/// namespace (GlobalNetworkPolicy). selector and serviceAccounts match inside the scope;
/// notSelector "negates the packet match": it excludes only the endpoints in scope it selects.
/// nets and notNets test the pod's IP (a pod whose IP the input does not give is in no net).
/// </summary>
internal sealed class CalicoPeerTest(CalicoPolicy policy, CalicoEntity entity, IpSet? nets, IpSet? notNets, ServiceAccountLabels accounts) : ClassTest
{
    public override bool Matches(PodClass candidate)
    {
        var inScope = entity.NamespaceSelector is { } namespaces
            ? namespaces.Matches(key => CalicoClassTests.NamespaceLabelOf(candidate, key))
            : policy.Global || candidate.Namespace == policy.Namespace;
        if (entity.NamespaceSelector is not null && !inScope) return false;
        if (entity.Selector is { } selector && !(inScope && selector.Matches(key => CalicoClassTests.EndpointLabel(candidate, key)))) return false;
        if (entity.HasServiceAccountMatch && !(inScope && accounts.Matches(candidate, entity.ServiceAccountNames, entity.ServiceAccountSelector))) return false;
        if (entity.NotSelector is { } not && inScope && not.Matches(key => CalicoClassTests.EndpointLabel(candidate, key))) return false;
        if (nets is not null && !candidate.Representative.Ips.Any(nets.Contains)) return false;
        return notNets is null || !candidate.Representative.Ips.Any(notNets.Contains);
    }

    public override string Key { get; } = string.Join("|", "calico-peer", policy.Global ? "" : policy.Namespace,
        entity.Selector, entity.NotSelector, entity.NamespaceSelector, string.Join(",", entity.ServiceAccountNames),
        entity.ServiceAccountSelector, nets, notNets);
}
