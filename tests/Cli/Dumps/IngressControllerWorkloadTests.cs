using static PolicyLint.Cli.Tests.Dumps.DumpInput;

namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>
/// The ingress controller of the input is a workload: Ingress traffic comes from its pods.
/// Kubernetes, "Ingress": "You must have an Ingress controller to satisfy an Ingress. Only
/// creating an Ingress resource has no effect." The controller is a pod like any other, so "a
/// NetworkPolicy that admits its namespace or pods admits that traffic, and one that does not
/// blocks it". Kubernetes API, IngressClassSpec: "controller refers to the name of the
/// controller that should handle this class ... This should be specified as a domain-prefixed
/// path no more than 250 characters in length, e.g. "acme.io/ingress-controller"."
/// </summary>
public class IngressControllerWorkloadTests
{
    // Neither the namespace (edge) nor the name (nginx-proxy) looks like an ingress controller:
    // only the IngressClass, labelled as the controller's pods, says which workload runs it.
    private const string Controller = """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: public
          labels: {app.kubernetes.io/name: nginx-proxy, app.kubernetes.io/instance: edge}
        spec: {controller: k8s.io/ingress-nginx}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: router, namespace: edge}
        spec:
          selector: {matchLabels: {app.kubernetes.io/name: nginx-proxy}}
          template:
            metadata: {labels: {app.kubernetes.io/name: nginx-proxy, app.kubernetes.io/instance: edge}}
            spec: {containers: [{name: nginx, ports: [{containerPort: 443}]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, ports: [{containerPort: 8080, name: http}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec:
          ingressClassName: public
          rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
        ---

        """;

    private static string WebAdmits(string namespaceName) => Controller + """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-from-NS, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
          - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: NS}}}]
            ports: [{port: 8080}]
        """.Replace("NS", namespaceName);

    [Fact]
    public void A_policy_that_admits_the_controllers_namespace_admits_ingress_traffic_in_report_can_reach_and_lint()
    {
        var yaml = WebAdmits("edge");

        var report = Run(yaml, "report", "-", "--format", "connlist");
        var canReach = Run(yaml, "can-reach", "{ingress-controller}", "shop/web", "-", "--port", "8080");
        var lint = Run(yaml, "lint", "-");

        Assert.Contains("{ingress-controller} => shop/web[Deployment] : TCP 8080", Lines(report.Out));
        Assert.Equal(0, canReach.ExitCode);
        Assert.DoesNotContain("ingress-backend-blocked", lint.Out);
    }

    [Fact]
    public void A_policy_that_admits_another_namespace_blocks_ingress_traffic_in_report_can_reach_and_lint()
    {
        var yaml = WebAdmits("monitoring");

        var report = Run(yaml, "report", "-", "--format", "connlist");
        var canReach = Run(yaml, "can-reach", "{ingress-controller}", "shop/web", "-", "--port", "8080");
        var lint = Run(yaml, "lint", "-");

        Assert.DoesNotContain("{ingress-controller} =>", report.Out);
        Assert.Equal(1, canReach.ExitCode);
        Assert.Contains("ingress-backend-blocked", lint.Out);
    }

    [Fact]
    public void The_controllers_own_egress_policy_applies_to_the_traffic_it_forwards()
    {
        var yaml = WebAdmits("edge") + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-egress, namespace: edge}
            spec: {podSelector: {}, policyTypes: [Egress]}
            """;

        var canReach = Run(yaml, "can-reach", "{ingress-controller}", "shop/web", "-", "--port", "8080");
        var lint = Run(yaml, "lint", "-");

        Assert.Equal(1, canReach.ExitCode);
        Assert.Contains("ingress-backend-blocked", lint.Out);
    }

    [Fact]
    public void The_report_says_which_workload_is_the_ingress_controller()
    {
        var report = Run(WebAdmits("edge"), "report", "-");

        Assert.Contains("{ingress-controller} is the pods of edge/router[Deployment] (the ingress controller in the input, labelled as its IngressClass)", report.Out);
    }

    [Fact]
    public void Under_the_netpol_analyzer_profile_the_controller_stays_a_pod_of_no_namespace_of_the_input()
    {
        var yaml = WebAdmits("edge");

        var report = Run(yaml, "report", "-", "--format", "connlist", "--profile", "netpol-analyzer");

        Assert.DoesNotContain("{ingress-controller} =>", report.Out);
    }

    [Fact]
    public void Without_a_controller_in_the_input_the_conventional_controller_is_admitted_only_by_rules_for_every_namespace()
    {
        var withoutController = WebAdmits("edge").Replace("kind: IngressClass", "kind: IngressClassLike").Replace("name: router, namespace: edge", "name: router, namespace: tools")
            .Replace("app.kubernetes.io/name: nginx-proxy", "app.kubernetes.io/name: proxy");
        var everyNamespace = withoutController.Replace("{matchLabels: {kubernetes.io/metadata.name: edge}}", "{}");

        Assert.DoesNotContain("{ingress-controller} =>", Run(withoutController, "report", "-", "--format", "connlist").Out);
        Assert.Contains("{ingress-controller} => shop/web[Deployment] : TCP 8080", Lines(Run(everyNamespace, "report", "-", "--format", "connlist").Out));
    }

    [Theory]
    [InlineData("ingress-nginx")]
    [InlineData("/ingress")]
    public void An_ingress_class_whose_controller_is_no_domain_prefixed_path_is_refused(string controller)
    {
        var yaml = $"apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {{name: bad}}\nspec: {{controller: {controller}}}\n";

        var run = Run(yaml, "report", "-");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-:4:20: invalid-object: IngressClass bad: spec.controller:", run.Error);
    }
}
