using System.Text.Json;
using static PolicyLint.Cli.Tests.Dumps.DumpInput;

namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>Workloads as a kubectl dump shows them: mirror pods of static pods, and controllers scaled to 0.</summary>
public class StaticAndScaledPodTests
{
    // Kubernetes, "Create static Pods": "The kubelet automatically tries to create a mirror Pod on
    // the Kubernetes API server for each static Pod. This means that the Pods running on a node are
    // visible on the API server, but cannot be controlled from there. The Pod names will be suffixed
    // with the node hostname with a leading hyphen." The mirror pod's controller owner is the Node.
    private const string StaticPods = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd-minikube
          namespace: kube-system
          labels: {component: etcd, tier: control-plane}
          ownerReferences: [{apiVersion: v1, kind: Node, name: minikube, controller: true}]
        spec:
          containers: [{name: etcd, ports: [{containerPort: 2379}]}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: kube-apiserver-minikube
          namespace: kube-system
          labels: {component: kube-apiserver, tier: control-plane}
          ownerReferences: [{apiVersion: v1, kind: Node, name: minikube, controller: true}]
        spec:
          containers: [{name: kube-apiserver}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: etcd-from-apiserver, namespace: kube-system}
        spec:
          podSelector: {matchLabels: {component: etcd}}
          ingress:
          - from: [{podSelector: {matchLabels: {component: kube-apiserver}}}]
            ports: [{port: 2379}]
        """;

    [Fact]
    public void Each_static_pod_is_a_workload_of_its_own_named_as_the_pod()
    {
        var run = Run(StaticPods, "report", "-", "--format", "connlist");

        Assert.Equal("", run.Error);
        Assert.DoesNotContain("[Node]", run.Out);
        Assert.Contains("kube-system/kube-apiserver-minikube[Pod] => kube-system/etcd-minikube[Pod] : TCP 2379", Lines(run.Out));
        Assert.Contains("kube-system/etcd-minikube[Pod] => kube-system/kube-apiserver-minikube[Pod] : All Connections", Lines(run.Out));
    }

    [Fact]
    public void Can_reach_finds_a_static_pod_by_its_pod_name()
    {
        var allowed = Run(StaticPods, "can-reach", "kube-system/kube-apiserver-minikube", "kube-system/etcd-minikube", "-", "--port", "2379");
        var refused = Run(StaticPods, "can-reach", "kube-system/kube-apiserver-minikube", "kube-system/etcd-minikube", "-", "--port", "2380");

        Assert.Equal(0, allowed.ExitCode);
        Assert.StartsWith("yes: kube-system/kube-apiserver-minikube[Pod] => kube-system/etcd-minikube[Pod]", allowed.Out);
        Assert.Equal(1, refused.ExitCode);
    }

    // Kubernetes, "ReplicaSet": "You can specify how many Pods should run concurrently by setting
    // .spec.replicas. The ReplicaSet will create/delete its Pods to match this number." With 0 it
    // runs none: the old ReplicaSets a Deployment keeps after a rollout are scaled to 0.
    private const string ScaledDown = """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-new
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
        spec:
          replicas: 2
          template:
            metadata: {labels: {app: web, pod-template-hash: new}}
            spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-old
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
        spec:
          replicas: 0
          template:
            metadata: {labels: {app: web, pod-template-hash: old}}
            spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 2
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: idle, namespace: shop}
        spec:
          replicas: 0
          template:
            metadata: {labels: {app: idle}}
            spec: {containers: [{name: c}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: shop, labels: {app: client}}
        spec: {containers: [{name: c}]}
        """;

    [Fact]
    public void A_controller_scaled_to_0_is_no_peer_and_the_report_says_so()
    {
        var connlist = Run(ScaledDown, "report", "-", "--format", "connlist");
        var text = Run(ScaledDown, "report", "-");

        Assert.Equal(0, connlist.ExitCode);
        Assert.DoesNotContain("web-old", connlist.Out);
        Assert.DoesNotContain("idle", connlist.Out);
        Assert.DoesNotContain("shop/web[Deployment]", connlist.Out);
        Assert.Contains("shop/client[Pod] => shop/web-new[ReplicaSet] : All Connections", Lines(connlist.Out));
        Assert.StartsWith("2 workloads in 1 namespace,", text.Out.Split('\n')[1]);
        Assert.Contains("scaled to 0, so running no pods (no peer, no Service backend): shop/idle[StatefulSet], shop/web-old[ReplicaSet]", text.Out);
    }

    [Fact]
    public void A_controller_scaled_to_0_backs_no_service_and_can_reach_says_why_it_is_not_a_peer()
    {
        var service = Run(ScaledDown, "can-reach", "shop/client", "shop/web[Service]", "-", "--format", "json");
        var direct = Run(ScaledDown, "can-reach", "shop/client", "shop/web-old", "-");

        Assert.Equal(0, service.ExitCode);
        using var json = JsonDocument.Parse(service.Out);
        var backends = json.RootElement.GetProperty("ports")[0].GetProperty("backends").EnumerateArray()
            .Select(b => b.GetProperty("workload").GetString()).ToList();
        Assert.Equal(["shop/web-new[ReplicaSet]"], backends);
        Assert.Equal(2, direct.ExitCode);
        Assert.Contains("shop/web-old[ReplicaSet] is scaled to 0: it runs no pods", direct.Error);
    }

    // Kubernetes, "Service", type LoadBalancer: "You can optionally disable node port allocation for
    // a Service of type: LoadBalancer, by setting the field spec.allocateLoadBalancerNodePorts to
    // false. This should only be used for load balancer implementations that route traffic directly
    // to pods as opposed to using node ports."
    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void A_load_balancer_without_node_ports_is_not_exposed_through_node_ports(string allocate, bool nodePort)
    {
        var yaml = $"""
            apiVersion: v1
            kind: Service
            metadata: {"{"}name: lb, namespace: edge{"}"}
            spec:
              type: LoadBalancer
              allocateLoadBalancerNodePorts: {allocate}
              loadBalancerSourceRanges: [203.0.113.0/24]
              selector: {"{"}app: web{"}"}
              ports: [{"{"}port: 443, targetPort: 8443{"}"}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {"{"}name: web, namespace: edge, labels: {"{"}app: web{"}"}{"}"}
            spec: {"{"}containers: [{"{"}name: c{"}"}]{"}"}
            """;
        var report = Run(yaml, "report", "-", "--format", "json");
        var lint = Run(yaml, "lint", "-", "--format", "json");

        using var json = JsonDocument.Parse(report.Out);
        var kinds = json.RootElement.GetProperty("exposure").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("LoadBalancer", kinds);
        Assert.Equal(nodePort, kinds.Contains("NodePort"));
        Assert.Equal(nodePort, lint.Out.Contains("nodeport-exposed", StringComparison.Ordinal));
    }
}
