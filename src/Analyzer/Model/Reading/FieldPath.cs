using System.Text;

namespace PolicyLint.Analyzer.Model.Reading;

/// <summary>
/// The path of a field inside an object, as messages print it: <c>spec.ingress[2].from[0]</c>.
/// A linked list rendered only when a message needs it, so the happy path builds no strings.
/// </summary>
/// <remarks>
/// Readers name the path of every field they read, in case it is wrong, and nearly every field
/// is fine: a large cluster would allocate close to a million paths only to drop them. So each
/// path remembers its first children and hands the same one out again (paths are immutable, so
/// sharing them is safe); the same few dozen paths serve every object of a kind, for every load
/// of the process (the first children of <c>spec</c> are those of the kinds read first). The memory is
/// bounded: at most <see cref="RememberedChildren"/> children per path, further ones (label keys
/// beyond the first few, long lists) are made afresh each time as before.
/// </remarks>
public sealed class FieldPath
{
    private const int RememberedChildren = 32;

    private readonly FieldPath? _parent;
    private readonly string? _name;
    private readonly int _index;

    // Replaced whole, never changed in place: readers on other threads see either array.
    private FieldPath[] _children = [];

    public static FieldPath Root { get; } = new(null, null, -1);

    private FieldPath(FieldPath? parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    public FieldPath Field(string name) => Child(name, -1);

    public FieldPath At(int index) => Child(null, index);

    private FieldPath Child(string? name, int index)
    {
        var children = Volatile.Read(ref _children);
        foreach (var child in children)
        {
            if (child._index == index && string.Equals(child._name, name, StringComparison.Ordinal)) return child;
        }
        var made = new FieldPath(this, name, index);
        // A lost race only means this child is not remembered; the path itself is right either way.
        if (children.Length < RememberedChildren) Interlocked.CompareExchange(ref _children, [.. children, made], children);
        return made;
    }

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
