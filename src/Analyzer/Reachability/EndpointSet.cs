using System.Numerics;

namespace PolicyLint.Analyzer.Reachability;

/// <summary>A fixed-size bitset over the endpoints of one direction (pod classes, then external ranges).</summary>
internal sealed class EndpointSet
{
    private readonly ulong[] _words;

    public EndpointSet(int size)
    {
        Size = size;
        _words = new ulong[(size + 63) / 64];
    }

    public int Size { get; }

    public void Add(int index) => _words[index >> 6] |= 1UL << (index & 63);

    public bool Contains(int index) => (_words[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>Members in ascending order; a struct enumerator, so foreach does not allocate.</summary>
    public Enumerator GetEnumerator() => new(_words);

    public struct Enumerator(ulong[] words)
    {
        private int _word = -1;
        private ulong _rest;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_rest == 0)
            {
                if (++_word >= words.Length) return false;
                _rest = words[_word];
            }
            Current = (_word << 6) + BitOperations.TrailingZeroCount(_rest);
            _rest &= _rest - 1;
            return true;
        }
    }
}
