using Clickcast.Labels;

namespace Clickcast.Training.Baselines;

/// <summary>
/// A split's <see cref="BaselineFeatures"/> with their labels in pooled blocks of <see cref="BlockRows"/> rows: dense
/// columns row-major, and sparse ids and values back to back (compressed rows) in pages of <see cref="PageEntries"/>
/// entries that a row never straddles. A row costs its 8 bytes per sparse entry and 4 per dense column plus 13 bytes,
/// instead of an object, three arrays and a list slot (≈ 130 bytes more). The pages are never resized or copied: a
/// block's sparse arrays used to double as it filled and be trimmed when it was full, which left about twice the rows'
/// bytes of large-object garbage behind them, kept until a full collection. Pages are narrow while every id fits 16
/// bits and the rows' distinct values number at most 65,536: an entry is then a 16-bit id and a 16-bit index into the
/// table of distinct values (token counts are few: log(1 + n) for small n), 4 bytes instead of 8; from the first row
/// that does not fit, pages are wide. Every row reads back exactly as it was added.
/// </summary>
internal sealed class FeatureRows
{
    /// <summary>Rows per block.</summary>
    internal const int BlockRows = 1 << 14;

    /// <summary>Sparse entries per page: 64 KiB per array, below the large-object threshold (a longer row gets a page of its own length).</summary>
    internal const int PageEntries = 1 << 14;

    private readonly List<Block> _blocks = [];
    private readonly List<Page> _pages = [];
    private readonly Dictionary<int, ushort> _valueIndexes = [];
    private float[] _values = new float[256];
    private ushort[] _indexScratch = new ushort[64];
    private bool _wide;
    private bool _sealed;

    /// <summary>Rows holding <paramref name="denseCount"/> dense columns each.</summary>
    public FeatureRows(int denseCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(denseCount);
        DenseCount = denseCount;
    }

    /// <summary>Dense columns per row.</summary>
    public int DenseCount { get; }

    /// <summary>Rows added.</summary>
    public int Count { get; private set; }

    /// <summary>Blocks allocated.</summary>
    internal int BlockCount => _blocks.Count;

    /// <summary>Pages of sparse entries allocated.</summary>
    internal int PageCount => _pages.Count;

    /// <summary>Pages allocated that store 32-bit ids and float values.</summary>
    internal int WidePageCount => _pages.Count(p => p.Wide);

    /// <summary>The rows of <paramref name="examples"/>, each computed by <paramref name="features"/> and dropped once copied.</summary>
    public static FeatureRows Of<T>(IReadOnlyList<T> examples, Func<T, BaselineFeatures> features, Func<T, bool> label, int denseCount)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(label);
        var rows = new FeatureRows(denseCount);
        foreach (var example in examples)
        {
            rows.Add(features(example), label(example));
        }

        rows.Seal();
        return rows;
    }

    /// <summary>
    /// The rows of <paramref name="examples"/>, each computed into <paramref name="buffer"/> as of the cutoff (or its
    /// last event) and copied: nothing is allocated per example beside the rows.
    /// </summary>
    public static FeatureRows Of(IReadOnlyList<LabeledExample> examples, BaselineFeatureBuffer buffer, long? cutoffMicros)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(buffer);
        var rows = new FeatureRows(buffer.Dense.Length);
        foreach (var example in examples)
        {
            buffer.Compute(example.Urls, example.TimesMicros, example.EventTypes, cutoffMicros ?? example.Chain.LastTime);
            rows.Add(buffer.TokenIds, buffer.TokenValues, buffer.Dense, example.Label);
        }

        rows.Seal();
        return rows;
    }

    /// <summary>Appends a row; sealed rows take no more (<see cref="Seal"/> gave their last block's spare room back).</summary>
    public void Add(BaselineFeatures features, bool label)
    {
        ArgumentNullException.ThrowIfNull(features);
        Add(features.TokenIds, features.TokenValues, features.Dense, label);
    }

    /// <summary>Appends a row of sparse <paramref name="tokenIds"/> and their values, and dense columns.</summary>
    public void Add(ReadOnlySpan<int> tokenIds, ReadOnlySpan<float> tokenValues, ReadOnlySpan<float> dense, bool label)
    {
        if (_sealed)
        {
            throw new InvalidOperationException("The rows are sealed: no row can be added after Seal.");
        }

        if (dense.Length != DenseCount)
        {
            throw new ArgumentException($"A row of {dense.Length} dense columns in rows of {DenseCount}.", nameof(dense));
        }

        var length = tokenIds.Length;
        if (tokenValues.Length != length)
        {
            throw new ArgumentException($"{length} sparse ids with {tokenValues.Length} values.", nameof(tokenValues));
        }

        if (Count % BlockRows == 0)
        {
            _blocks.Add(new Block(DenseCount));
        }

        if (!_wide && !Narrows(tokenIds, tokenValues))
        {
            _wide = true;
        }

        if (_pages.Count == 0 || _pages[^1].Wide != _wide || _pages[^1].Used + length > _pages[^1].Capacity)
        {
            _pages.Add(new Page(Math.Max(PageEntries, length), _wide));
        }

        var page = _pages[^1];
        var offset = page.Used;
        if (_wide)
        {
            page.Append(tokenIds, tokenValues);
        }
        else
        {
            page.Append(tokenIds, _indexScratch.AsSpan(0, length));
        }

        _blocks[^1].Add(_pages.Count - 1, offset, length, dense, label);
        Count++;
    }

    /// <summary>
    /// True when the row fits a narrow page: every id 16-bit and every value in the table of distinct values (added
    /// there, and its index left in the scratch) without passing 65,536 of them.
    /// </summary>
    private bool Narrows(ReadOnlySpan<int> tokenIds, ReadOnlySpan<float> tokenValues)
    {
        foreach (var id in tokenIds)
        {
            if ((uint)id > ushort.MaxValue)
            {
                return false;
            }
        }

        if (_indexScratch.Length < tokenValues.Length)
        {
            _indexScratch = new ushort[Math.Max(tokenValues.Length, _indexScratch.Length * 2)];
        }

        for (var i = 0; i < tokenValues.Length; i++)
        {
            var bits = BitConverter.SingleToInt32Bits(tokenValues[i]);
            if (!_valueIndexes.TryGetValue(bits, out var index))
            {
                if (_valueIndexes.Count > ushort.MaxValue)
                {
                    return false;
                }

                index = (ushort)_valueIndexes.Count;
                _valueIndexes.Add(bits, index);
                if (_values.Length == index)
                {
                    Array.Resize(ref _values, _values.Length * 2);
                }

                _values[index] = tokenValues[i];
            }

            _indexScratch[i] = index;
        }

        return true;
    }

    /// <summary>Gives the last block back its unused capacity; no row can be added after.</summary>
    public void Seal()
    {
        _sealed = true;
        if (_blocks.Count > 0)
        {
            _blocks[^1].Trim();
        }
    }

    /// <summary>Row <paramref name="index"/>.</summary>
    public FeatureRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var block = _blocks[index / BlockRows];
            var (page, offset, length, label) = block.Row(index % BlockRows);
            var dense = block.DenseOf(index % BlockRows);
            var entries = _pages[page];
            return entries.Wide
                ? new FeatureRow(new SparseIds(entries.WideIds.AsSpan(offset, length)), new SparseValues(entries.WideValues.AsSpan(offset, length)), dense, label)
                : new FeatureRow(new SparseIds(entries.NarrowIds.AsSpan(offset, length)), new SparseValues(entries.NarrowValues.AsSpan(offset, length), _values), dense, label);
        }
    }

    /// <summary>The dense columns and labels of <see cref="BlockRows"/> rows, and where their sparse entries lie.</summary>
    private sealed class Block(int denseCount)
    {
        private readonly int[] _pages = new int[BlockRows];
        private readonly int[] _offsets = new int[BlockRows];
        private readonly int[] _lengths = new int[BlockRows];
        private readonly bool[] _labels = new bool[BlockRows];
        private float[] _dense = new float[BlockRows * denseCount];
        private int _rows;

        public void Add(int page, int offset, int length, ReadOnlySpan<float> dense, bool label)
        {
            _pages[_rows] = page;
            _offsets[_rows] = offset;
            _lengths[_rows] = length;
            dense.CopyTo(_dense.AsSpan(_rows * denseCount));
            _labels[_rows] = label;
            _rows++;
        }

        /// <summary>Gives back the dense room of rows never added (the last block's).</summary>
        public void Trim() => Array.Resize(ref _dense, _rows * denseCount);

        public (int Page, int Offset, int Length, bool Label) Row(int row) => (_pages[row], _offsets[row], _lengths[row], _labels[row]);

        public ReadOnlySpan<float> DenseOf(int row) => _dense.AsSpan(row * denseCount, denseCount);
    }

    /// <summary>
    /// Sparse entries back to back: narrow (16-bit ids, 16-bit indexes into the table of values) or wide (32-bit ids,
    /// floats). Arrays of <see cref="PageEntries"/> stay below the large-object threshold either way.
    /// </summary>
    private sealed class Page
    {
        public Page(int capacity, bool wide)
        {
            Capacity = capacity;
            Wide = wide;
            if (wide)
            {
                WideIds = new int[capacity];
                WideValues = new float[capacity];
            }
            else
            {
                NarrowIds = new ushort[capacity];
                NarrowValues = new ushort[capacity];
            }
        }

        public int Capacity { get; }

        public bool Wide { get; }

        public int Used { get; private set; }

        public int[] WideIds { get; } = [];

        public float[] WideValues { get; } = [];

        public ushort[] NarrowIds { get; } = [];

        public ushort[] NarrowValues { get; } = [];

        public void Append(ReadOnlySpan<int> ids, ReadOnlySpan<float> values)
        {
            ids.CopyTo(WideIds.AsSpan(Used));
            values.CopyTo(WideValues.AsSpan(Used));
            Used += ids.Length;
        }

        public void Append(ReadOnlySpan<int> ids, ReadOnlySpan<ushort> valueIndexes)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                NarrowIds[Used + i] = (ushort)ids[i];
            }

            valueIndexes.CopyTo(NarrowValues.AsSpan(Used));
            Used += ids.Length;
        }
    }
}
