using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PolicyLint.Analyzer.Queries;

/// <summary>
/// A list grown in fixed chunks below the large-object threshold, then copied once into an array
/// of the exact size. A growing builder of the million connections of an ipBlock-heavy cluster
/// allocated about four times the final array on the large-object heap (each doubling, then the
/// trimmed copy), and large-object allocations are what start full collections.
/// </summary>
internal sealed class ChunkedList<T>
{
    // 8,192 references: 64 KB, under the runtime's 85,000-byte large-object threshold
    private const int ChunkLength = 8192;

    private readonly List<T[]> _full = [];
    private T[] _current = new T[ChunkLength];
    private int _used;

    public void Add(T item)
    {
        if (_used == ChunkLength)
        {
            _full.Add(_current);
            _current = new T[ChunkLength];
            _used = 0;
        }
        _current[_used++] = item;
    }

    public ImmutableArray<T> ToImmutableArray()
    {
        var all = new T[_full.Count * ChunkLength + _used];
        for (var i = 0; i < _full.Count; i++) _full[i].CopyTo(all, i * ChunkLength);
        Array.Copy(_current, 0, all, _full.Count * ChunkLength, _used);
        return ImmutableCollectionsMarshal.AsImmutableArray(all);
    }
}
