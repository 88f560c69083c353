namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>The controller named by an object's ownerReferences entry with controller: true.</summary>
internal readonly record struct ControllerOwner(string Kind, string Name);

/// <summary>A Pod object as read, before pods are grouped by their controller.</summary>
internal sealed record PodDraft(ObjectMeta Meta, Pod Pod, ControllerOwner? Owner);

/// <summary>A controller object (Deployment, ReplicaSet, ...) as read, with its pod template.</summary>
internal sealed record ControllerDraft(ObjectMeta Meta, Pod Template, int Replicas, ControllerOwner? Owner);
