namespace PolicyLint.Benchmarks.Generation;

/// <summary>Namespace, Deployment, StatefulSet and kubectl-dumped Pod objects for a plan.</summary>
internal static class WorkloadManifests
{
    public static YamlMap Namespace(NamespacePlan ns)
    {
        var labels = new List<(string, string)> { ("kubernetes.io/metadata.name", ns.Name), ("team", ns.Team), ("env", ns.Env) };
        if (ns.Name.EndsWith('7')) labels.Add(("quarantine", "true"));
        return new YamlMap()
            .Add("apiVersion", "v1")
            .Add("kind", "Namespace")
            .Add("metadata", new YamlMap().Add("name", ns.Name).Add("labels", YamlMap.OfText(labels)));
    }

    public static YamlMap Controller(string ns, WorkloadPlan workload, string team,
        (IReadOnlyList<(string Name, string Value)> Env, IReadOnlyList<string> Args) declared = default)
    {
        var kind = workload.Shape == WorkloadShape.StatefulSet ? "StatefulSet" : "Deployment";
        var spec = new YamlMap().Add("replicas", workload.Replicas);
        if (workload.Shape == WorkloadShape.StatefulSet) spec.Add("serviceName", workload.Name);
        spec.Add("selector", new YamlMap().Add("matchLabels", YamlMap.OfText([workload.Labels[0]])))
            .Add("template", new YamlMap()
                .Add("metadata", new YamlMap().Add("labels", YamlMap.OfText(workload.Labels)))
                .Add("spec", PodSpec(workload, team, nodeName: null, declared)));
        return new YamlMap()
            .Add("apiVersion", "apps/v1")
            .Add("kind", kind)
            .Add("metadata", new YamlMap()
                .Add("name", workload.Name)
                .Add("namespace", ns)
                .Add("labels", YamlMap.OfText(workload.Labels))
                .Add("annotations", new YamlMap().Add("deployment.kubernetes.io/revision", "3")))
            .Add("spec", spec);
    }

    /// <summary>One Pod as `kubectl get pods -o yaml` prints it, owned by its ReplicaSet.</summary>
    public static YamlMap DumpedPod(
        string ns, WorkloadPlan workload, string team, string templateHash, string suffix, string uid, string ownerUid, string ip, int node)
    {
        var replicaSet = $"{workload.Name}-{templateHash}";
        var labels = new List<(string, string)>(workload.Labels) { ("pod-template-hash", templateHash) };
        return new YamlMap()
            .Add("apiVersion", "v1")
            .Add("kind", "Pod")
            .Add("metadata", new YamlMap()
                .Add("name", $"{replicaSet}-{suffix}")
                .Add("generateName", $"{replicaSet}-")
                .Add("namespace", ns)
                .Add("uid", uid)
                .Add("labels", YamlMap.OfText(labels))
                .Add("ownerReferences", YamlSequence.Of(new YamlMap()
                    .Add("apiVersion", "apps/v1")
                    .Add("kind", "ReplicaSet")
                    .Add("name", replicaSet)
                    .Add("uid", ownerUid)
                    .Add("controller", true)
                    .Add("blockOwnerDeletion", true))))
            .Add("spec", PodSpec(workload, team, nodeName: $"node-{node:D3}"))
            .Add("status", new YamlMap()
                .Add("phase", "Running")
                .Add("hostIP", $"192.168.{node / 250}.{node % 250 + 1}")
                .Add("podIP", ip)
                .Add("podIPs", YamlSequence.Of(new YamlMap().Add("ip", ip))));
    }

    private static YamlMap PodSpec(WorkloadPlan workload, string team, string? nodeName,
        (IReadOnlyList<(string Name, string Value)>? Env, IReadOnlyList<string>? Args) declared = default)
    {
        var ports = new YamlSequence();
        foreach (var port in workload.Ports)
        {
            ports.Add(new YamlMap().Add("name", port.Name).Add("containerPort", port.Number).Add("protocol", port.Protocol));
        }
        var container = new YamlMap()
            .Add("name", workload.App)
            .Add("image", $"registry.example.com/{team}/{workload.App}:{workload.Labels.FirstOrDefault(l => l.Key == "version").Value ?? "1.0"}")
            .Add("ports", ports);
        if (declared.Env is { Count: > 0 } env)
        {
            var list = new YamlSequence();
            foreach (var (name, value) in env) list.Add(new YamlMap().Add("name", name).Add("value", value));
            container.Add("env", list);
        }
        if (declared.Args is { Count: > 0 } args) container.Add("args", YamlSequence.OfText([.. args]));
        container.Add("resources", new YamlMap()
            .Add("requests", new YamlMap().Add("cpu", "100m").Add("memory", "128Mi"))
            .Add("limits", new YamlMap().Add("memory", "512Mi")));
        var spec = new YamlMap();
        if (nodeName is not null) spec.Add("nodeName", nodeName);
        return spec.Add("containers", YamlSequence.Of(container));
    }
}
