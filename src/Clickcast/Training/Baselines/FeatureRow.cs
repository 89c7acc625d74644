namespace Clickcast.Training.Baselines;

/// <summary>One row of <see cref="FeatureRows"/>: the views of its sparse ids and values, its dense columns, its label.</summary>
internal readonly ref struct FeatureRow(SparseIds tokenIds, SparseValues tokenValues, ReadOnlySpan<float> dense, bool label)
{
    /// <summary>Sparse ids, ascending.</summary>
    public SparseIds TokenIds { get; } = tokenIds;

    /// <summary>Values of <see cref="TokenIds"/>.</summary>
    public SparseValues TokenValues { get; } = tokenValues;

    /// <summary>Dense columns.</summary>
    public ReadOnlySpan<float> Dense { get; } = dense;

    /// <summary>The row's label.</summary>
    public bool Label { get; } = label;
}
