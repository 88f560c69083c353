using System.Text;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// The path of a field inside an object, as messages print it: <c>spec.ingress[2].from[0]</c>.
/// A linked list rendered only when a message needs it, so the happy path builds no strings.
/// </summary>
public sealed class FieldPath
{
    private readonly FieldPath? _parent;
    private readonly string? _name;
    private readonly int _index;

    public static FieldPath Root { get; } = new(null, null, -1);

    private FieldPath(FieldPath? parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    public FieldPath Field(string name) => new(this, name, -1);

    public FieldPath At(int index) => new(this, null, index);

    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        if (_parent is null) return;
        _parent.Append(builder);
        if (_name is null)
        {
            builder.Append('[').Append(_index).Append(']');
            return;
        }
        if (builder.Length > 0) builder.Append('.');
        builder.Append(_name);
    }
}
