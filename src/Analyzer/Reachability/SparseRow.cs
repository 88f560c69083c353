using PolicyLint.Analyzer.Sets;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// What one pod class allows in one direction towards every endpoint: a default (All or Empty)
/// and the endpoints whose value differs, sorted. Rows are sparse because rules name few
/// endpoints compared with the whole cluster; memory is proportional to the exceptions.
/// </summary>
internal sealed class SparseRow
{
    public static SparseRow AllowAll { get; } = new(ConnectionSet.All, [], []);

    public SparseRow(ConnectionSet defaultValue, int[] keys, ConnectionSet[] values)
    {
        Default = defaultValue;
        Keys = keys;
        Values = values;
    }

    public ConnectionSet Default { get; }

    /// <summary>Endpoints whose value is not Default, ascending.</summary>
    public int[] Keys { get; }

    public ConnectionSet[] Values { get; }

    public ConnectionSet Get(int endpoint)
    {
        var index = Array.BinarySearch(Keys, endpoint);
        return index >= 0 ? Values[index] : Default;
    }

    /// <summary>
    /// Builds a row from the values of the touched endpoints; untouched ones have
    /// <paramref name="untouched"/>. The default becomes whichever of All and Empty is more
    /// common, so a rule that names everything does not make the row dense.
    /// </summary>
    /// <param name="ignored">Endpoints whose value nobody will read (null: none); they never become exceptions.</param>
    public static SparseRow Compress(int size, ConnectionSet untouched, List<int> touched, ConnectionSet[] values, bool[] isTouched, bool[]? ignored)
    {
        var untouchedCount = size - touched.Count;
        int all = untouched.IsAll ? untouchedCount : 0, empty = untouched.IsEmpty ? untouchedCount : 0;
        foreach (var e in touched)
        {
            if (values[e].IsAll) all++;
            else if (values[e].IsEmpty) empty++;
        }
        var defaultValue = all > empty ? ConnectionSet.All : ConnectionSet.Empty;
        var keys = new List<int>();
        var result = new List<ConnectionSet>();
        if (!untouched.Equals(defaultValue))
        {
            for (var e = 0; e < size; e++)
            {
                if (!isTouched[e] && (ignored is null || e >= ignored.Length || !ignored[e])) keys.Add(e);
            }
        }
        foreach (var e in touched)
        {
            if (!values[e].Equals(defaultValue)) keys.Add(e);
        }
        keys.Sort();
        foreach (var e in keys) result.Add(isTouched[e] ? values[e] : untouched);
        return new SparseRow(defaultValue, [.. keys], [.. result]);
    }
}
