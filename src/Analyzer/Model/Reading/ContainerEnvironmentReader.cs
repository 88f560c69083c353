using System.Collections.Immutable;
using PolicyLint.Analyzer.Manifests;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// Reads env, envFrom, command and args of containers and init containers, and
/// enableServiceLinks, from a pod spec. Fields of the wrong type read as absent without a
/// finding: they only feed declared dependencies, and reporting them would make pod specs that
/// every other part of the tool accepts suddenly invalid.
/// </summary>
internal static class ContainerEnvironmentReader
{
    public static PodEnvironment Read(ObjectReader r, YamlMapping spec)
    {
        var containers = ImmutableArray.CreateBuilder<ContainerEnvironment>();
        AddContainers(r, spec.Get("initContainers"), init: true, containers);
        AddContainers(r, spec.Get("containers"), init: false, containers);
        var links = r.Present(spec.Get("enableServiceLinks")) is YamlScalar { IsPlain: true } scalar
            && ScalarTypes.TryParseBoolean(scalar.Value, out var value) ? value : true;
        return containers.Count == 0 && links ? PodEnvironment.None : new PodEnvironment(containers.DrainToImmutable(), links);
    }

    private static void AddContainers(ObjectReader r, YamlNode? node, bool init, ImmutableArray<ContainerEnvironment>.Builder into)
    {
        if (r.Present(node) is not YamlSequence sequence) return;
        foreach (var item in sequence.Items)
        {
            if (r.Present(item) is not YamlMapping container) continue;
            var environment = new ContainerEnvironment(
                Text(r, container.Get("name")) ?? "",
                init,
                ReadEnvFrom(r, container.Get("envFrom")),
                ReadEnv(r, container.Get("env")),
                ReadWords(r, container.Get("command")),
                ReadWords(r, container.Get("args")));
            if (!environment.EnvFrom.IsEmpty || !environment.Env.IsEmpty || !environment.Command.IsEmpty || !environment.Args.IsEmpty)
            {
                into.Add(environment);
            }
        }
    }

    private static ImmutableArray<EnvVar> ReadEnv(ObjectReader r, YamlNode? node)
    {
        if (r.Present(node) is not YamlSequence sequence) return [];
        var env = ImmutableArray.CreateBuilder<EnvVar>(sequence.Count);
        foreach (var item in sequence.Items)
        {
            if (r.Present(item) is not YamlMapping entry || Text(r, entry.Get("name")) is not { } name) continue;
            var value = r.Present(entry.Get("value")) is YamlScalar scalar ? new DeclaredText(scalar.Value, scalar.Span) : null;
            env.Add(new EnvVar(name, value, ReadKeySelector(r, entry.Get("valueFrom"))));
        }
        return env.DrainToImmutable();
    }

    private static ConfigMapKeySelector? ReadKeySelector(ObjectReader r, YamlNode? valueFrom)
    {
        if (r.Present(valueFrom) is not YamlMapping from || r.Present(from.Get("configMapKeyRef")) is not YamlMapping reference) return null;
        var name = Text(r, reference.Get("name"));
        var key = Text(r, reference.Get("key"));
        return name is null || key is null ? null : new ConfigMapKeySelector(name, key, Optional(r, reference), reference.Span);
    }

    private static ImmutableArray<EnvFromConfigMap> ReadEnvFrom(ObjectReader r, YamlNode? node)
    {
        if (r.Present(node) is not YamlSequence sequence) return [];
        var sources = ImmutableArray.CreateBuilder<EnvFromConfigMap>();
        foreach (var item in sequence.Items)
        {
            if (r.Present(item) is not YamlMapping source || r.Present(source.Get("configMapRef")) is not YamlMapping reference) continue;
            if (Text(r, reference.Get("name")) is not { } name) continue;
            sources.Add(new EnvFromConfigMap(name, Text(r, source.Get("prefix")) ?? "", Optional(r, reference), reference.Span));
        }
        return sources.DrainToImmutable();
    }

    private static ImmutableArray<DeclaredText> ReadWords(ObjectReader r, YamlNode? node)
    {
        if (r.Present(node) is not YamlSequence sequence) return [];
        var words = ImmutableArray.CreateBuilder<DeclaredText>(sequence.Count);
        foreach (var item in sequence.Items)
        {
            if (r.Present(item) is YamlScalar scalar) words.Add(new DeclaredText(scalar.Value, scalar.Span));
        }
        return words.DrainToImmutable();
    }

    private static bool Optional(ObjectReader r, YamlMapping reference) =>
        r.Present(reference.Get("optional")) is YamlScalar { IsPlain: true } scalar
        && ScalarTypes.TryParseBoolean(scalar.Value, out var optional) && optional;

    private static string? Text(ObjectReader r, YamlNode? node) => r.Present(node) is YamlScalar scalar ? scalar.Value : null;
}
