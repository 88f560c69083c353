using static PolicyLint.Cli.Tests.Dumps.DumpInput;

namespace PolicyLint.Cli.Tests.Dumps;

/// <summary>--namespace NS reads objects without metadata.namespace as in NS, as kubectl apply -n does.</summary>
public class NamespaceOptionTests
{
    // kubectl reference: "-n, --namespace string: If present, the namespace scope for this CLI
    // request". Installers such as argo-cd's install.yaml name no namespace and are applied with -n.
    private const string Install = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: argocd-server}
        spec:
          template:
            metadata: {labels: {app.kubernetes.io/name: argocd-server}}
            spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: argocd-repo-server}
        spec:
          template:
            metadata: {labels: {app.kubernetes.io/name: argocd-repo-server}}
            spec: {containers: [{name: c}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: repo-server}
        spec:
          podSelector: {matchLabels: {app.kubernetes.io/name: argocd-repo-server}}
          ingress:
          - from: [{podSelector: {matchLabels: {app.kubernetes.io/name: argocd-server}}}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: probe, namespace: monitoring}
        spec: {containers: [{name: c}]}
        """;

    [Theory]
    [InlineData("--namespace")]
    [InlineData("-n")]
    public void Objects_without_a_namespace_go_to_the_one_given_and_the_others_keep_theirs(string option)
    {
        var run = Run(Install, "report", "-", "--format", "connlist", option, "argocd");

        Assert.Equal("", run.Error);
        var lines = Lines(run.Out);
        Assert.Contains("argocd/argocd-server[Deployment] => argocd/argocd-repo-server[Deployment] : All Connections", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("monitoring/probe[Pod] => argocd/argocd-repo-server", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("monitoring/probe[Pod] => argocd/argocd-server[Deployment]", StringComparison.Ordinal));
        Assert.DoesNotContain("default/", run.Out);
    }

    [Fact]
    public void Every_command_takes_it_and_can_reach_looks_bare_names_up_there()
    {
        Assert.Equal(0, Run(Install, "--namespace", "argocd", "can-reach", "argocd-server", "argocd/argocd-repo-server", "-").ExitCode);
        Assert.Equal(1, Run(Install, "can-reach", "monitoring/probe", "argocd/argocd-repo-server", "-", "-n", "argocd").ExitCode);
        var lint = Run(Install, "lint", "-", "-n", "argocd", "--format", "json", "--fail-on", "never");
        Assert.Contains("Deployment argocd/argocd-server is not isolated", lint.Out);
        Assert.DoesNotContain("default/", lint.Out);
    }

    [Fact]
    public void Diff_reads_both_sides_with_it()
    {
        var head = Path.Combine(Path.GetTempPath(), $"policylint-ns-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(head, Install.Replace("metadata: {name: argocd-server}", "metadata: {name: argocd-server, namespace: argocd}")
            .Replace("metadata: {name: argocd-repo-server}", "metadata: {name: argocd-repo-server, namespace: argocd}")
            .Replace("metadata: {name: repo-server}", "metadata: {name: repo-server, namespace: argocd}"));
        try
        {
            Assert.Equal(0, Run(Install, "diff", "-", head, "-n", "argocd").ExitCode);
            Assert.Equal(1, Run(Install, "diff", "-", head).ExitCode);
        }
        finally
        {
            File.Delete(head);
        }
    }

    [Fact]
    public void A_name_that_is_no_namespace_name_is_a_usage_error()
    {
        var run = Run(Install, "report", "-", "--namespace", "Not_A_Namespace");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("policylint: --namespace: 'Not_A_Namespace' is not a valid namespace name", run.Error);
    }
}
