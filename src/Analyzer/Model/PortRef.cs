namespace PolicyLint.Analyzer.Model;

/// <summary>
/// A port given by number or by name (Kubernetes' IntOrString): a NetworkPolicy port, a Service
/// targetPort, an Ingress backend port.
/// </summary>
public readonly record struct PortRef
{
    private PortRef(int? number, string? name)
    {
        Number = number;
        Name = name;
    }

    public int? Number { get; }
    public string? Name { get; }
    public bool IsNamed => Name is not null;

    public static PortRef Of(int number) => new(number, null);
    public static PortRef Of(string name) => new(null, name);

    public override string ToString() => Name ?? Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
