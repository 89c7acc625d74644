namespace Clickcast.Training.Baselines;

/// <summary>
/// A row's sparse values as stored: on a narrow page 16-bit indexes into the rows' table of distinct values (a
/// value is the same float whichever way it is read), on a wide page the floats themselves.
/// </summary>
internal readonly ref struct SparseValues
{
    private readonly ReadOnlySpan<ushort> _indexes;
    private readonly ReadOnlySpan<float> _table;
    private readonly ReadOnlySpan<float> _wide;
    private readonly bool _isWide;

    public SparseValues(ReadOnlySpan<ushort> indexes, ReadOnlySpan<float> table)
    {
        _indexes = indexes;
        _table = table;
        Length = indexes.Length;
    }

    public SparseValues(ReadOnlySpan<float> wide)
    {
        _wide = wide;
        _isWide = true;
        Length = wide.Length;
    }

    /// <summary>Entries.</summary>
    public int Length { get; }

    /// <summary>Value <paramref name="index"/>.</summary>
    public float this[int index] => _isWide ? _wide[index] : _table[_indexes[index]];

    /// <summary>A copy (tests).</summary>
    public float[] ToArray()
    {
        var result = new float[Length];
        for (var i = 0; i < Length; i++)
        {
            result[i] = this[i];
        }

        return result;
    }
}
