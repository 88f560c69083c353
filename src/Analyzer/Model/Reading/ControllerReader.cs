using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Reads the controllers that own pods: where each keeps its pod template and how many pods it
/// runs (replicas for Deployment, ReplicaSet, StatefulSet and ReplicationController, parallelism
/// for Job and CronJob, both defaulting to 1; a DaemonSet counts as 1).
/// </summary>
internal static class ControllerReader
{
    public static bool IsController(string kind) => kind is "Deployment" or "ReplicaSet" or "StatefulSet"
        or "DaemonSet" or "Job" or "CronJob" or "ReplicationController";

    /// <summary>Null (reported) when the controller has no pod template.</summary>
    public static ControllerDraft? Read(ObjectReader r, ObjectMeta meta, YamlMapping root)
    {
        var specPath = FieldPath.Root.Field("spec");
        var spec = r.Mapping(root.Get("spec"), specPath);
        if (spec is null)
        {
            if (r.Present(root.Get("spec")) is null) r.Missing(root, specPath);
            return null;
        }
        var (podSpecOwner, podSpecOwnerPath) = meta.Ref.Kind == "CronJob" ? JobSpecOfCronJob(r, spec, specPath) : (spec, specPath);
        if (podSpecOwner is null) return null;
        var templatePath = podSpecOwnerPath.Field("template");
        var template = PodReader.ReadTemplate(r, meta.Name, podSpecOwner.Get("template"), templatePath, podSpecOwner);
        if (template is null) return null;
        var replicas = ReadReplicas(r, meta.Ref.Kind, podSpecOwner, podSpecOwnerPath);
        return new ControllerDraft(meta, template, replicas, MetadataReader.ReadControllerOwner(r, root));
    }

    private static (YamlMapping?, FieldPath) JobSpecOfCronJob(ObjectReader r, YamlMapping spec, FieldPath specPath)
    {
        var jobTemplatePath = specPath.Field("jobTemplate");
        var jobTemplate = r.Mapping(spec.Get("jobTemplate"), jobTemplatePath);
        if (jobTemplate is null)
        {
            if (r.Present(spec.Get("jobTemplate")) is null) r.Missing(spec, jobTemplatePath);
            return (null, jobTemplatePath);
        }
        var jobSpecPath = jobTemplatePath.Field("spec");
        var jobSpec = r.Mapping(jobTemplate.Get("spec"), jobSpecPath);
        if (jobSpec is null && r.Present(jobTemplate.Get("spec")) is null) r.Missing(jobTemplate, jobSpecPath);
        return (jobSpec, jobSpecPath);
    }

    private static int ReadReplicas(ObjectReader r, string kind, YamlMapping spec, FieldPath specPath)
    {
        var field = kind switch
        {
            "DaemonSet" => null,
            "Job" or "CronJob" => "parallelism",
            _ => "replicas",
        };
        if (field is null) return 1;
        var node = spec.Get(field);
        var value = r.Integer(node, specPath.Field(field));
        if (value is < 0)
        {
            r.Error(RuleIds.InvalidObject, node!, specPath.Field(field), $"{ObjectReader.Number(value.Value)} is negative (expected 0 or more)");
            return 0;
        }
        return value ?? 1;
    }
}
