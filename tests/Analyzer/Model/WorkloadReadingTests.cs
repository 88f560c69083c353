using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Model.Loading;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>Pods, every controller kind, their defaults, and how pods are grouped into workloads.</summary>
public sealed class WorkloadReadingTests
{
    private static string Controller(string kind, string specExtra, string templateKey = "template") => $"""
        apiVersion: apps/v1
        kind: {kind}
        metadata:
          name: w
          namespace: apps
        spec:
          {specExtra}
          {templateKey}:
            metadata:
              labels: {"{"}app: w{"}"}
            spec:
              containers:
              - name: c
        """;

    [Theory]
    [InlineData("Deployment", "", 1)]
    [InlineData("Deployment", "replicas: 3", 3)]
    [InlineData("ReplicaSet", "", 1)]
    [InlineData("StatefulSet", "replicas: 2", 2)]
    [InlineData("DaemonSet", "", 1)]
    [InlineData("ReplicationController", "replicas: 2", 2)]
    [InlineData("Job", "parallelism: 4", 4)]
    [InlineData("Job", "", 1)]
    public void Controllers_become_workloads_with_their_template_and_replicas(string kind, string specExtra, int replicas)
    {
        var workload = Assert.Single(Clean(Controller(kind, specExtra)).Workloads);
        Assert.Equal($"apps/w[{kind}]", workload.Id);
        Assert.Equal(kind, workload.Kind);
        Assert.Equal(replicas, workload.Replicas);
        var template = Assert.Single(workload.Pods);
        Assert.Equal("w", template.Labels["app"]);
        Assert.Equal(At(9, 5), template.Span);
        Assert.Equal(At(1, 1), workload.Meta.Span);
    }

    [Fact]
    public void CronJob_reads_the_job_template_pod_template()
    {
        var yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  parallelism: 2
                  template:
                    metadata:
                      labels: {job: nightly}
                    spec:
                      containers: [{name: c, ports: [{containerPort: 9000}]}]
            """;
        var workload = Assert.Single(Clean(yaml).Workloads);
        Assert.Equal("default/nightly[CronJob]", workload.Id);
        Assert.Equal(2, workload.Replicas);
        Assert.Equal("nightly", workload.Pods[0].Labels["job"]);
        Assert.Equal(9000, workload.Pods[0].Ports.Single().Number);
    }

    [Fact]
    public void Container_ports_host_network_and_pod_ips_are_read()
    {
        var yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels: {app: p}
            spec:
              hostNetwork: true
              containers:
              - name: web
                ports:
                - name: http
                  containerPort: 8080
                - containerPort: 53
                  protocol: UDP
                  hostPort: 5353
                  hostIP: 10.0.0.1
              - name: side
            status:
              podIP: 10.1.2.3
              podIPs:
              - ip: 10.1.2.3
              - ip: fd00::3
            """;
        var workload = Assert.Single(Clean(yaml).Workloads);
        Assert.Equal("default/p[Pod]", workload.Id);
        Assert.Equal(1, workload.Replicas);
        var pod = Assert.Single(workload.Pods);
        Assert.True(pod.HostNetwork);
        Assert.True(workload.HostNetwork);
        Assert.Equal<string>(["10.1.2.3", "fd00::3"], pod.Ips);
        Assert.Equal(["web", "side"], pod.Containers.Select(c => c.Name));
        Assert.Equal(At(9, 5), pod.Containers[0].Span);
        Assert.Equal(new ContainerPort("http", 8080, Protocol.TCP, null, null, At(11, 7)), pod.Containers[0].Ports[0]);
        Assert.Equal(new ContainerPort(null, 53, Protocol.UDP, 5353, "10.0.0.1", At(13, 7)) { HostPortSpan = At(15, 17) }, pod.Containers[0].Ports[1]);
        Assert.Empty(pod.Containers[1].Ports);
    }

    [Fact]
    public void Controller_without_template_is_reported_and_left_out()
    {
        var loaded = Load("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: empty}
            spec:
              replicas: 1
            """);
        Assert.Equal("m.yaml:5:3: invalid-object: Deployment default/empty: spec.template: required field is missing", Messages(loaded));
        Assert.Empty(loaded.Cluster.Workloads);
    }

    [Fact]
    public void Pods_with_the_same_controller_are_one_workload_named_after_the_owner()
    {
        var yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-7d-a
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d, controller: true}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-7d-b
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d, controller: true}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: helper
              ownerReferences: [{kind: ReplicaSet, name: not-the-controller}]
            """;
        var workloads = Clean(yaml).Workloads;
        Assert.Equal(["default/helper[Pod]", "default/web-7d[ReplicaSet]"], workloads.Select(w => w.Id));
        var web = workloads[1];
        Assert.Equal(2, web.Replicas);
        Assert.Equal(["web-7d-a", "web-7d-b"], web.Pods.Select(p => p.Name));
        Assert.Equal(At(1, 1), web.Meta.Span);
        Assert.Equal("web", web.Meta.Labels["app"]);
    }

    [Fact]
    public void Owner_without_kind_names_a_pod_workload_and_joins_a_pod_of_that_name()
    {
        var yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: pod-1
              ownerReferences: [{name: internal-security, controller: true}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: internal-security
              labels: {owner: itself}
            """;
        var workload = Assert.Single(Clean(yaml).Workloads);
        Assert.Equal("default/internal-security[Pod]", workload.Id);
        Assert.Equal(2, workload.Pods.Length);
        Assert.Equal("itself", workload.Meta.Labels["owner"]);
    }

    [Fact]
    public void A_dump_with_deployment_replica_sets_and_pods_counts_each_pod_once()
    {
        var yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-new
              ownerReferences: [{kind: Deployment, name: web, controller: true}]
            spec:
              replicas: 2
              template:
                metadata: {labels: {app: web, hash: new}}
                spec: {containers: [{name: c}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-old
              ownerReferences: [{kind: Deployment, name: web, controller: true}]
            spec:
              replicas: 0
              template:
                metadata: {labels: {app: web, hash: old}}
                spec: {containers: [{name: c}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-new-1
              labels: {app: web, hash: new, pod: one}
              ownerReferences: [{kind: ReplicaSet, name: web-new, controller: true}]
            """;
        var workloads = Clean(yaml).Workloads;
        Assert.Equal(["default/web-new[ReplicaSet]", "default/web-old[ReplicaSet]"], workloads.Select(w => w.Id));
        var live = workloads[0];
        Assert.Equal("one", Assert.Single(live.Pods).Labels["pod"]);
        Assert.Equal(1, live.Replicas);
        Assert.Equal(At(9, 1), live.Meta.Span);
        Assert.Equal(0, workloads[1].Replicas);
        Assert.True(workloads[1].ScaledToZero);
        Assert.Empty(workloads[1].Pods);
    }

    // Kubernetes, "ReplicaSet": "You can specify how many Pods should run concurrently by setting
    // .spec.replicas. The ReplicaSet will create/delete its Pods to match this number." Zero means
    // no pod at all, so the template must not stand for one.
    [Theory]
    [InlineData("StatefulSet", "replicas: 0")]
    [InlineData("ReplicaSet", "replicas: 0")]
    [InlineData("Deployment", "replicas: 0")]
    [InlineData("Job", "parallelism: 0")]
    public void A_controller_scaled_to_0_runs_no_pod(string kind, string specExtra)
    {
        var workload = Assert.Single(Clean(Controller(kind, specExtra)).Workloads);

        Assert.Equal(0, workload.Replicas);
        Assert.True(workload.ScaledToZero);
        Assert.Empty(workload.Pods);
    }

    [Fact]
    public void Pods_of_a_controller_scaled_to_0_still_count_as_they_are_in_the_input()
    {
        var yaml = Controller("ReplicaSet", "replicas: 0") + """

            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: w-terminating
              namespace: apps
              labels: {app: w}
              ownerReferences: [{kind: ReplicaSet, name: w, controller: true}]
            """;
        var workload = Assert.Single(Clean(yaml).Workloads);

        Assert.False(workload.ScaledToZero);
        Assert.Equal("w-terminating", Assert.Single(workload.Pods).Name);
    }

    // Kubernetes, "Create static Pods": "The kubelet automatically tries to create a mirror Pod on
    // the Kubernetes API server for each static Pod." Mirror pods name their Node as controller
    // owner; each static pod is its own workload, named as the pod.
    [Fact]
    public void Mirror_pods_of_static_pods_are_workloads_of_their_own()
    {
        var yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: etcd-node-1
              namespace: kube-system
              labels: {component: etcd}
              ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, controller: true}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: kube-scheduler-node-1
              namespace: kube-system
              labels: {component: kube-scheduler}
              ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, controller: true}]
            """;
        var workloads = Clean(yaml).Workloads;

        Assert.Equal(["kube-system/etcd-node-1[Pod]", "kube-system/kube-scheduler-node-1[Pod]"], workloads.Select(w => w.Id));
        Assert.Equal("etcd", workloads[0].Meta.Labels["component"]);
        Assert.Equal("kube-scheduler", Assert.Single(workloads[1].Pods).Labels["component"]);
    }

    [Fact]
    public void Label_values_that_yaml_reads_as_numbers_or_booleans_are_invalid()
    {
        var loaded = Load("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels:
                version: 1.0
                enabled: yes
                ok: "1.0"
            """);
        Assert.Equal("""
            m.yaml:6:14: invalid-object: Pod default/p: metadata.labels.version: 1.0 is read as a number, but a string is expected (quote it: "1.0")
            m.yaml:7:14: invalid-object: Pod default/p: metadata.labels.enabled: yes is read as a boolean, but a string is expected (quote it: "yes")
            """, Messages(loaded));
        Assert.Equal("1.0", loaded.Cluster.Workloads[0].Pods[0].Labels["ok"]);
    }

    [Fact]
    public void Object_without_a_name_is_reported_and_left_out()
    {
        var loaded = Load("""
            apiVersion: v1
            kind: Pod
            metadata:
              namespace: x
            """);
        Assert.Equal("m.yaml:4:3: invalid-object: Pod x/(unnamed): metadata.name: required field is missing (the object is skipped)", Messages(loaded));
        Assert.Empty(loaded.Cluster.Workloads);
    }

    [Fact]
    public void Wrong_types_are_reported_with_the_field_path()
    {
        var loaded = Load("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              hostNetwork: maybe
              containers:
                name: not-a-list
            """);
        Assert.Equal("""
            m.yaml:5:16: invalid-object: Pod default/p: spec.hostNetwork: expected true or false, found the scalar maybe
            m.yaml:7:5: invalid-object: Pod default/p: spec.containers: expected a sequence, found a mapping
            """, Messages(loaded));
        Assert.Single(loaded.Cluster.Workloads);
    }
}
