using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model;

/// <summary>
/// Domain names (ClusterNetworkPolicy egress peers, experimental). Not modelled: name
/// resolution is not in the manifests, so the peer matches no destination, and the loader
/// says so for every such peer (peer-not-modelled).
/// </summary>
public sealed record DomainNamesSelector(ImmutableArray<string> Names, SourceSpan Span) : AdminSelector(Span);

/// <summary>
/// Every peer: every pod and every address. A ClusterNetworkPolicy peer that sets no field
/// PolicyLint knows fails closed, and for a Deny or Pass rule that means "treat the rule as a
/// 'Deny all' rule" (v1alpha2 API reference); the reader builds such a rule with this peer.
/// </summary>
public sealed record EveryPeerSelector(SourceSpan Span) : AdminSelector(Span);
