namespace PolicyLint.Benchmarks.Generation;

/// <summary>Services of every type and Ingresses. A Service is named after, and selects by, the workload's first label.</summary>
internal static class ServiceManifests
{
    public static YamlMap Service(string ns, WorkloadPlan workload, ServiceShape shape, int ordinal)
    {
        var (selectorKey, selectorValue) = workload.Labels[0];
        var spec = new YamlMap();
        var type = shape switch
        {
            ServiceShape.NodePort => "NodePort",
            ServiceShape.LoadBalancer or ServiceShape.LoadBalancerWithSourceRanges => "LoadBalancer",
            _ => "ClusterIP",
        };
        // Half of the ClusterIP Services leave type out, as most hand-written manifests do.
        if (type != "ClusterIP" || ordinal % 2 == 0) spec.Add("type", type);
        spec.Add("selector", new YamlMap().Add(selectorKey, selectorValue)).Add("ports", Ports(workload, shape, ordinal));
        switch (shape)
        {
            case ServiceShape.ClusterIPWithExternalIPs:
                spec.Add("externalIPs", YamlSequence.OfText($"203.0.113.{ordinal % 250 + 1}"));
                break;
            case ServiceShape.NodePort:
                spec.Add("externalTrafficPolicy", "Cluster");
                break;
            case ServiceShape.LoadBalancer:
                spec.Add("externalTrafficPolicy", "Local");
                break;
            case ServiceShape.LoadBalancerWithSourceRanges:
                spec.Add("externalTrafficPolicy", "Cluster")
                    .Add("loadBalancerSourceRanges", YamlSequence.OfText("198.51.100.0/24", "2001:db8::/32"));
                break;
        }
        return new YamlMap()
            .Add("apiVersion", "v1")
            .Add("kind", "Service")
            .Add("metadata", new YamlMap().Add("name", selectorValue).Add("namespace", ns).Add("labels", new YamlMap().Add("app", workload.App)))
            .Add("spec", spec);
    }

    private static YamlSequence Ports(WorkloadPlan workload, ServiceShape shape, int ordinal)
    {
        var ports = new YamlSequence();
        for (var i = 0; i < workload.Ports.Count; i++)
        {
            var port = workload.Ports[i];
            var entry = new YamlMap()
                .Add("name", port.Name)
                .Add("port", port.Name == "http" ? 80 : port.Number)
                .Add("protocol", port.Protocol);
            // Alternate named and numeric targetPorts: both resolve against the pods' containerPorts.
            if ((ordinal + i) % 2 == 0) entry.Add("targetPort", port.Name);
            else entry.Add("targetPort", port.Number);
            if (shape == ServiceShape.NodePort) entry.Add("nodePort", 30000 + (ordinal * 7 + i) % 2768);
            ports.Add(entry);
        }
        return ports;
    }

    public static YamlMap Ingress(string ns, WorkloadPlan workload, int ordinal)
    {
        var port = ordinal % 2 == 0 ? new YamlMap().Add("number", 80) : new YamlMap().Add("name", "http");
        var host = $"{workload.App}.{ns}.example.com";
        var spec = new YamlMap()
            .Add("ingressClassName", "nginx")
            .Add("rules", YamlSequence.Of(new YamlMap()
                .Add("host", host)
                .Add("http", new YamlMap().Add("paths", YamlSequence.Of(new YamlMap()
                    .Add("path", "/")
                    .Add("pathType", "Prefix")
                    .Add("backend", new YamlMap().Add("service", new YamlMap().Add("name", workload.App).Add("port", port))))))));
        if (ordinal % 3 == 0)
        {
            spec.Add("tls", YamlSequence.Of(new YamlMap().Add("hosts", YamlSequence.OfText(host)).Add("secretName", $"{workload.App}-tls")));
        }
        return new YamlMap()
            .Add("apiVersion", "networking.k8s.io/v1")
            .Add("kind", "Ingress")
            .Add("metadata", new YamlMap().Add("name", workload.App).Add("namespace", ns))
            .Add("spec", spec);
    }
}
