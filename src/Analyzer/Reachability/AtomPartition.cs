namespace PolicyLint.Analyzer.Reachability;

/// <summary>
/// A partition of the indices 0..n-1, refined by subsets: after <see cref="Split"/> with S,
/// two indices share a part only if S holds both or neither. Each split costs O(|S|): the
/// members of a part are kept contiguous, the touched ones are swapped to its front and cut
/// off as a new part (the classic array form of partition refinement).
/// </summary>
internal sealed class AtomPartition
{
    private readonly int[] _members;
    private readonly int[] _position;
    private readonly int[] _part;
    private readonly List<int> _start = [0];
    private readonly List<int> _end;
    private readonly List<int> _touched = [0];

    public AtomPartition(int count)
    {
        _members = [.. Enumerable.Range(0, count)];
        _position = [.. Enumerable.Range(0, count)];
        _part = new int[count];
        _end = [count];
    }

    /// <summary>Separates, in every part, the indices of <paramref name="subset"/> (distinct) from the others.</summary>
    public void Split(IEnumerable<int> subset)
    {
        var parts = new List<int>();
        foreach (var index in subset)
        {
            var part = _part[index];
            if (_touched[part] == 0) parts.Add(part);
            var front = _start[part] + _touched[part];
            var displaced = _members[front];
            _members[front] = index;
            _members[_position[index]] = displaced;
            _position[displaced] = _position[index];
            _position[index] = front;
            _touched[part]++;
        }
        foreach (var part in parts)
        {
            var touched = _touched[part];
            _touched[part] = 0;
            if (touched == _end[part] - _start[part]) continue;
            var created = _start.Count;
            _start.Add(_start[part]);
            _end.Add(_start[part] + touched);
            _touched.Add(0);
            _start[part] += touched;
            for (var p = _start[created]; p < _end[created]; p++) _part[_members[p]] = created;
        }
    }

    /// <summary>The part of each index, parts numbered 0.. in the order of their smallest index.</summary>
    public int[] GroupOfEach()
    {
        var number = new int[_start.Count];
        Array.Fill(number, -1);
        var next = 0;
        var result = new int[_part.Length];
        for (var i = 0; i < _part.Length; i++)
        {
            if (number[_part[i]] < 0) number[_part[i]] = next++;
            result[i] = number[_part[i]];
        }
        return result;
    }
}
