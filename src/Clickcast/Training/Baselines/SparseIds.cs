namespace Clickcast.Training.Baselines;

/// <summary>A row's sparse ids as stored: 16-bit on a narrow page, 32-bit on a wide one.</summary>
internal readonly ref struct SparseIds
{
    private readonly ReadOnlySpan<ushort> _narrow;
    private readonly ReadOnlySpan<int> _wide;
    private readonly bool _isWide;

    public SparseIds(ReadOnlySpan<ushort> narrow)
    {
        _narrow = narrow;
        Length = narrow.Length;
    }

    public SparseIds(ReadOnlySpan<int> wide)
    {
        _wide = wide;
        _isWide = true;
        Length = wide.Length;
    }

    /// <summary>Entries.</summary>
    public int Length { get; }

    /// <summary>Id <paramref name="index"/>.</summary>
    public int this[int index] => _isWide ? _wide[index] : _narrow[index];

    /// <summary>A copy (tests).</summary>
    public int[] ToArray()
    {
        var result = new int[Length];
        for (var i = 0; i < Length; i++)
        {
            result[i] = this[i];
        }

        return result;
    }
}
