using PolicyLint.Analyzer.Model;
using static PolicyLint.Analyzer.Tests.Queries.ExposureYaml;

namespace PolicyLint.Analyzer.Tests.Model;

/// <summary>
/// Which workloads run the ingress controller. Kubernetes API, IngressClassSpec: "controller
/// refers to the name of the controller that should handle this class"; the installers label the
/// IngressClass as they label the controller's pods, which is how the input names the workload.
/// </summary>
public class IngressControllersTests
{
    private static string Pods(string ns, string name, string labels, int replicas = 1) => """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: NAME, namespace: NS}
        spec:
          replicas: REPLICAS
          selector: {matchLabels: {LABELS}}
          template:
            metadata: {labels: {LABELS}}
            spec: {containers: [{name: c}]}

        """.Replace("NAME", name).Replace("NS", ns).Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("LABELS", labels);

    private const string NginxClass = """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: nginx
          labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/instance: ingress-nginx, app.kubernetes.io/component: controller}
        spec: {controller: k8s.io/ingress-nginx}

        """;

    [Fact]
    public void The_ingress_class_labels_pick_the_controller_and_leave_out_its_admission_jobs()
    {
        var cluster = Load(NginxClass,
            Pods("ingress-nginx", "controller", "app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/instance: ingress-nginx, app.kubernetes.io/component: controller"),
            Pods("ingress-nginx", "admission", "app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/instance: ingress-nginx, app.kubernetes.io/component: admission-webhook"));

        Assert.Equal(["ingress-nginx/controller[Deployment]"], IngressControllers.Find(cluster).Select(w => w.Id));
    }

    [Fact]
    public void Without_a_matching_ingress_class_the_name_decides_and_a_controller_scaled_to_0_runs_nothing()
    {
        var cluster = Load(NginxClass,
            Pods("traefik", "traefik", "app.kubernetes.io/name: traefik"),
            Pods("ingress-nginx", "old", "app: old", replicas: 0),
            Pods("shop", "web", "app: web"));

        Assert.Equal(["traefik/traefik[Deployment]"], IngressControllers.Find(cluster).Select(w => w.Id));
    }
}
