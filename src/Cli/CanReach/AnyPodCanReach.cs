using System.Text.Json;
using PolicyLint.Analyzer.Model;
using PolicyLint.Analyzer.Queries;
using PolicyLint.Analyzer.Reachability;
using PolicyLint.Analyzer.Smt;
using PolicyLint.Cli.Json;

namespace PolicyLint.Cli.CanReach;

/// <summary>What `can-reach --any-pod 'NS-SELECTOR;POD-SELECTOR' DST` asks.</summary>
public sealed record AnyPodRequest(
    string Selectors, string Destination, IReadOnlyList<string> Paths, int? Port, Protocol? Protocol,
    bool Json, AnalysisProfile Profile, bool Verbose);

/// <summary>
/// `can-reach --any-pod`: could some pod that could exist, in a namespace matching the
/// namespace selector and with labels matching the pod selector (kubectl syntax, empty for
/// any), reach the destination workload? The SMT engine answers over every possible pod and
/// names one such pod. Exit 0 when some pod could, 1 when none could, 2 for bad input. The
/// engine models NetworkPolicies only: when the input holds AdminNetworkPolicies a note on
/// stderr says they were not taken into account.
/// </summary>
public static class AnyPodCanReach
{
    /// <summary>With --any-pod there is no SRC: the first argument is DST, the second the first PATH.</summary>
    public static int Run(
        CliContext context, string selectors, string destination, string? firstPath, string[]? paths, int? port, string? protocol,
        bool json, string profileName, bool verbose)
    {
        if (!CommonOptions.TryParseProfile(context, profileName, out var profile)) return ExitCodes.BadInput;
        if (!CommonOptions.CheckPort(context, port)) return ExitCodes.BadInput;
        var allPaths = firstPath is null ? paths : [firstPath, .. paths ?? []];
        return Run(context, new AnyPodRequest(
            selectors, destination, CommonOptions.PathsOrCurrentDirectory(allPaths), port,
            protocol is not null && Protocols.TryParse(protocol, out var parsed) ? parsed : null, json, profile, verbose));
    }

    public static int Run(CliContext context, AnyPodRequest request)
    {
        if (!TryParseSelectors(request.Selectors, out var namespaces, out var pods, out var problem))
        {
            context.Error.WriteLine($"policylint: --any-pod: {problem}");
            return ExitCodes.BadInput;
        }
        var loaded = AnalysisInput.Load(context, request.Paths, request.Profile, request.Verbose);
        if (loaded.Cluster.Calico.Present)
        {
            context.Error.WriteLine("policylint: --any-pod: the solver does not encode Calico policies (docs/calico.md); ask about the input's workloads without --any-pod");
            return ExitCodes.BadInput;
        }
        if (!loaded.Cluster.CiliumPolicies.IsDefaultOrEmpty)
        {
            // An answer that left the Cilium policies out would be wrong in silence (docs/cilium.md).
            context.Error.WriteLine("policylint: --any-pod: the solver does not encode Cilium policies (docs/cilium.md); ask about the input's workloads without --any-pod");
            return ExitCodes.BadInput;
        }
        var analysis = new Analysis(loaded.Cluster, request.Profile);
        var lookup = analysis.FindPeer(request.Destination, context.DefaultNamespace);
        if (!lookup.Found)
        {
            context.Error.WriteLine($"policylint: {lookup.Message(request.Destination)}");
            return ExitCodes.BadInput;
        }
        if (lookup.Peer is not WorkloadPeer { Pods.IsDefaultOrEmpty: false } peer)
        {
            context.Error.WriteLine($"policylint: --any-pod: the destination must be a workload with pods, not '{request.Destination}'");
            return ExitCodes.BadInput;
        }
        // A pod or a part names only those pods of its owner (docs/split-workloads.md).
        var destination = peer.IsPart ? peer.Workload with { Pods = peer.Part } : peer.Workload;
        var protocol = request.Protocol ?? (request.Port is null ? null : Protocol.TCP);
        var answer = analysis.CanAnyPodReach(namespaces, pods, destination, protocol, request.Port);
        if (answer.Answer is not { } exposure)
        {
            context.Error.WriteLine($"policylint: --any-pod: {answer.SolverUnavailable}");
            return ExitCodes.BadInput;
        }
        var question = new AnyPodQuestion(namespaces, pods, peer.Id, protocol, request.Port) { Narrowed = peer.IsPart };
        if (request.Json) WriteJson(context.Out, question, exposure);
        else WriteText(context.Out, question, exposure);
        return AnalysisInput.ExitCode(loaded, exposure.IsExposed ? ExitCodes.Success : ExitCodes.Findings);
    }

    /// <summary>Splits <c>NS-SELECTOR;POD-SELECTOR</c> and parses both halves.</summary>
    public static bool TryParseSelectors(string text, out LabelSelector namespaces, out LabelSelector pods, out string? problem)
    {
        namespaces = pods = LabelSelector.Everything;
        var semicolon = text.IndexOf(';');
        if (semicolon < 0)
        {
            problem = $"expected 'NAMESPACE-SELECTOR;POD-SELECTOR' (either may be empty), e.g. 'team=web;app=frontend', not '{text}'";
            return false;
        }
        var namespaceParse = SelectorText.Parse(text[..semicolon]);
        var podParse = SelectorText.Parse(text[(semicolon + 1)..]);
        problem = namespaceParse.Problem is { } n ? $"namespace selector: {n}" : podParse.Problem is { } p ? $"pod selector: {p}" : null;
        if (problem is not null) return false;
        namespaces = namespaceParse.Selector!;
        pods = podParse.Selector!;
        return true;
    }

    private sealed record AnyPodQuestion(LabelSelector Namespaces, LabelSelector Pods, string Destination, Protocol? Protocol, int? Port)
    {
        /// <summary>DST names a pod or a part: the witness reaches one of those pods, named as DST is.</summary>
        public bool Narrowed { get; init; }

        public string Target(WitnessConnection witness) => Narrowed ? Destination : witness.Destination.ToString();

        public string Subject =>
            $"pod in {(Namespaces.SelectsEverything ? "any namespace" : $"a namespace matching {Namespaces}")} " +
            $"with {(Pods.SelectsEverything ? "any labels" : $"labels matching {Pods}")}";

        public string On => (Protocol, Port) switch
        {
            ({ } protocol, { } port) => $" on {protocol} {port}",
            ({ } protocol, null) => $" on {protocol}",
            _ => "",
        };
    }

    private static void WriteText(TextWriter output, AnyPodQuestion question, AnyPodReach exposure)
    {
        if (exposure.Witness is not { } witness)
        {
            output.WriteLine($"no: no {question.Subject} could reach {question.Destination}{question.On}");
            return;
        }
        var source = witness.Source;
        output.WriteLine($"yes: some {question.Subject} could reach {question.Destination}{question.On}, for example:");
        output.WriteLine($"  namespace: {source.Namespace}{(source.NamespaceInInput ? "" : " (not in the input)")}, labels {{{source.NamespaceLabels}}}");
        output.WriteLine($"  pod: labels {{{source.PodLabels}}}{(source.InputWorkload is { } w ? $" (like {w})" : "")}");
        if (!source.NamedPorts.IsDefaultOrEmpty) output.WriteLine($"  container ports: {string.Join(", ", source.NamedPorts)}");
        output.WriteLine($"  to: {question.Target(witness)} on {witness.Protocol} {witness.Port}");
    }

    private static void WriteJson(TextWriter output, AnyPodQuestion question, AnyPodReach exposure) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("reachable", exposure.IsExposed);
            json.WriteString("namespaceSelector", question.Namespaces.ToString());
            json.WriteString("podSelector", question.Pods.ToString());
            json.WriteString("destination", question.Destination);
            if (exposure.Witness is { } witness)
            {
                json.WriteStartObject("witness");
                json.WriteString("namespace", witness.Source.Namespace);
                json.WriteBoolean("namespaceInInput", witness.Source.NamespaceInInput);
                WriteLabels(json, "namespaceLabels", witness.Source.NamespaceLabels);
                WriteLabels(json, "podLabels", witness.Source.PodLabels);
                if (witness.Source.InputWorkload is { } workload) json.WriteString("inputWorkload", workload);
                json.WriteString("destination", question.Target(witness));
                json.WriteString("protocol", witness.Protocol.ToString());
                json.WriteNumber("port", witness.Port);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        });

    private static void WriteLabels(Utf8JsonWriter json, string name, Labels labels)
    {
        json.WriteStartObject(name);
        foreach (var key in labels.Keys) json.WriteString(key, labels[key]);
        json.WriteEndObject();
    }
}
