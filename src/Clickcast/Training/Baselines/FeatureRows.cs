using Clickcast.Labels;

namespace Clickcast.Training.Baselines;

/// <summary>
/// A split's <see cref="BaselineFeatures"/> with their labels in pooled blocks of <see cref="BlockRows"/> rows: dense
/// columns row-major, and sparse ids and values back to back (compressed rows) in pages of <see cref="PageEntries"/>
/// entries that a row never straddles. A row costs its 8 bytes per sparse entry and 4 per dense column plus 13 bytes,
/// instead of an object, three arrays and a list slot (≈ 130 bytes more). The pages are never resized or copied: a
/// block's sparse arrays used to double as it filled and be trimmed when it was full, which left about twice the rows'
/// bytes of large-object garbage behind them, kept until a full collection.
/// </summary>
internal sealed class FeatureRows
{
    /// <summary>Rows per block.</summary>
    internal const int BlockRows = 1 << 14;

    /// <summary>Sparse entries per page: 64 KiB per array, below the large-object threshold (a longer row gets a page of its own length).</summary>
    internal const int PageEntries = 1 << 14;

    private readonly List<Block> _blocks = [];
    private readonly List<int[]> _idPages = [];
    private readonly List<float[]> _valuePages = [];
    private int _pageUsed;
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
    internal int PageCount => _idPages.Count;

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

        if (_idPages.Count == 0 || _pageUsed + length > _idPages[^1].Length)
        {
            var capacity = Math.Max(PageEntries, length);
            _idPages.Add(new int[capacity]);
            _valuePages.Add(new float[capacity]);
            _pageUsed = 0;
        }

        tokenIds.CopyTo(_idPages[^1].AsSpan(_pageUsed));
        tokenValues.CopyTo(_valuePages[^1].AsSpan(_pageUsed));
        _blocks[^1].Add(_idPages.Count - 1, _pageUsed, length, dense, label);
        _pageUsed += length;
        Count++;
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
            return _blocks[index / BlockRows].Row(index % BlockRows, _idPages, _valuePages);
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

        public FeatureRow Row(int row, List<int[]> idPages, List<float[]> valuePages)
        {
            var (page, offset, length) = (_pages[row], _offsets[row], _lengths[row]);
            return new FeatureRow(idPages[page].AsSpan(offset, length), valuePages[page].AsSpan(offset, length), _dense.AsSpan(row * denseCount, denseCount), _labels[row]);
        }
    }
}
